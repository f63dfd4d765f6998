package org.custodian.demo.internal;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Formal given names and the nicknames patients give at registration: one of the commonest
 * reasons a returning patient gets a second record. Datafaker has no such list.
 */
final class Nicknames {

    private Nicknames() {
    }

    private static final Map<String, List<String>> NICKNAMES = Map.ofEntries(
            Map.entry("William", List.of("Bill", "Will", "Billy")),
            Map.entry("Robert", List.of("Bob", "Rob", "Bobby")),
            Map.entry("Richard", List.of("Rick", "Dick", "Rich")),
            Map.entry("James", List.of("Jim", "Jimmy")),
            Map.entry("John", List.of("Jack", "Johnny")),
            Map.entry("Joseph", List.of("Joe", "Joey")),
            Map.entry("Thomas", List.of("Tom", "Tommy")),
            Map.entry("Charles", List.of("Charlie", "Chuck")),
            Map.entry("Michael", List.of("Mike", "Mickey")),
            Map.entry("Christopher", List.of("Chris")),
            Map.entry("Daniel", List.of("Dan", "Danny")),
            Map.entry("Matthew", List.of("Matt")),
            Map.entry("Anthony", List.of("Tony")),
            Map.entry("Edward", List.of("Ed", "Eddie", "Ted")),
            Map.entry("Nicholas", List.of("Nick")),
            Map.entry("Steven", List.of("Steve")),
            Map.entry("Kenneth", List.of("Ken", "Kenny")),
            Map.entry("Elizabeth", List.of("Liz", "Beth", "Betty")),
            Map.entry("Margaret", List.of("Peggy", "Maggie", "Meg")),
            Map.entry("Katherine", List.of("Kate", "Kathy", "Katie")),
            Map.entry("Patricia", List.of("Pat", "Patty", "Trish")),
            Map.entry("Jennifer", List.of("Jen", "Jenny")),
            Map.entry("Rebecca", List.of("Becky")),
            Map.entry("Susan", List.of("Sue", "Susie")),
            Map.entry("Deborah", List.of("Deb", "Debbie")),
            Map.entry("Barbara", List.of("Barb")),
            Map.entry("Victoria", List.of("Vicky", "Tori")),
            Map.entry("Christine", List.of("Chris", "Tina")),
            Map.entry("Alexandra", List.of("Alex", "Sandra")),
            Map.entry("Jacqueline", List.of("Jackie")),
            Map.entry("Dorothy", List.of("Dot", "Dottie")),
            Map.entry("José", List.of("Pepe")),
            Map.entry("Francisco", List.of("Paco", "Pancho")),
            Map.entry("Guadalupe", List.of("Lupe")),
            Map.entry("Jesús", List.of("Chuy")),
            Map.entry("Alejandro", List.of("Alex")),
            Map.entry("Roberto", List.of("Beto")),
            Map.entry("Alberto", List.of("Beto")),
            Map.entry("Eduardo", List.of("Lalo")),
            Map.entry("Enrique", List.of("Kike")),
            Map.entry("Ignacio", List.of("Nacho")),
            Map.entry("Dolores", List.of("Lola")),
            Map.entry("Rosario", List.of("Charo")),
            Map.entry("Francisca", List.of("Paca", "Paquita")));

    static final List<String> MALE_FORMAL = List.of("William", "Robert", "Richard", "James", "John", "Joseph",
            "Thomas", "Charles", "Michael", "Christopher", "Daniel", "Matthew", "Anthony", "Edward", "Nicholas",
            "Steven", "Kenneth");

    static final List<String> FEMALE_FORMAL = List.of("Elizabeth", "Margaret", "Katherine", "Patricia", "Jennifer",
            "Rebecca", "Susan", "Deborah", "Barbara", "Victoria", "Christine", "Alexandra", "Jacqueline", "Dorothy");

    /** A nickname for the given name, or null if it has none. */
    static String of(String givenName, Random random) {
        List<String> options = NICKNAMES.get(givenName);
        return options == null ? null : options.get(random.nextInt(options.size()));
    }
}
