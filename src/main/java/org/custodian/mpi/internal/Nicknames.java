package org.custodian.mpi.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Given-name equivalence ("bill" = "william"), read from {@code reference/mpi/nicknames.csv}: each
 * line a formal name followed by its nicknames. Two names are equivalent when they share a group.
 */
final class Nicknames {

    private static final Nicknames DEFAULT = load("/reference/mpi/nicknames.csv");

    private final Map<String, Set<Integer>> groupsOfName;

    private Nicknames(Map<String, Set<Integer>> groupsOfName) {
        this.groupsOfName = groupsOfName;
    }

    static Nicknames standard() {
        return DEFAULT;
    }

    boolean equivalent(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        Set<Integer> ga = groupsOfName.get(a);
        Set<Integer> gb = groupsOfName.get(b);
        if (ga == null || gb == null) {
            return false;
        }
        for (Integer g : ga) {
            if (gb.contains(g)) {
                return true;
            }
        }
        return false;
    }

    static Nicknames load(String resource) {
        Map<String, Set<Integer>> groups = new HashMap<>();
        try (InputStream in = Nicknames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int group = 0;
            while ((line = reader.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                for (String name : line.split(",")) {
                    String n = name.trim().toLowerCase(Locale.ROOT);
                    if (!n.isEmpty()) {
                        groups.computeIfAbsent(n, k -> new HashSet<>()).add(group);
                    }
                }
                group++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Nicknames(groups);
    }
}
