package org.custodian.reimbursement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The DRG formula language of the CMS tables, compiled once at load into a tree of {@link Node}s:
 * {@code & | ~ ( )} over procedure attributes (plain names), {@code PDX:x}, {@code SDX:x},
 * {@code ANY:x}, {@code ONLY:x} (diagnosis attributes), {@code MCC}, {@code CC} and keywords.
 * Precedence: {@code ~} binds tighter than {@code &}, which binds tighter than {@code |}.
 */
final class Formula {

    private Formula() {
    }

    /** What a node is evaluated against: one claim in one MDC. */
    interface Facts {
        boolean proc(int attr);

        boolean pdx(int attr);

        boolean sdx(int attr);

        boolean only(int attr);

        /** Highest CC level (0 none, 1 CC, 2 MCC) among secondary diagnoses with no attribute in suppress. */
        int level(long[] suppress);

        boolean keyword(Keyword k);
    }

    enum Keyword {
        DIED, ALIVE, AMA, XFRNBA, BILATERAL, MULTST, INVALID_PDX, INVALID_SEX, INVALID_DSTAT, PDX_ECODE, ERRORDRG,
        ANYDX, SINGLEFUSIONCTR, SGLPOST1CTR, SGLANTSECTXCTR, SGLANTCTR, SGLPOSTFUSECTR, FOUR_VESSELS, FOUR_STENTS,
        /** An operand the tables use without defining (a bare number): never true. */
        UNDEFINED
    }

    abstract static class Node {
        abstract boolean eval(Facts f);

        /** Diagnosis attributes this node tests on secondary diagnoses (SDX:, ANY:). */
        void sdxOperands(List<Integer> out) {
        }
    }

    static final class And extends Node {
        final Node[] parts;

        And(Node[] parts) {
            this.parts = parts;
        }

        @Override
        boolean eval(Facts f) {
            for (Node p : parts) {
                if (!p.eval(f)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void sdxOperands(List<Integer> out) {
            for (Node p : parts) {
                p.sdxOperands(out);
            }
        }
    }

    static final class Or extends Node {
        final Node[] parts;

        Or(Node[] parts) {
            this.parts = parts;
        }

        @Override
        boolean eval(Facts f) {
            for (Node p : parts) {
                if (p.eval(f)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void sdxOperands(List<Integer> out) {
            for (Node p : parts) {
                p.sdxOperands(out);
            }
        }
    }

    static final class Not extends Node {
        final Node inner;

        Not(Node inner) {
            this.inner = inner;
        }

        @Override
        boolean eval(Facts f) {
            return !inner.eval(f);
        }
    }

    static final class Proc extends Node {
        final int attr;

        Proc(int attr) {
            this.attr = attr;
        }

        @Override
        boolean eval(Facts f) {
            return f.proc(attr);
        }
    }

    static final class Pdx extends Node {
        final int attr;

        Pdx(int attr) {
            this.attr = attr;
        }

        @Override
        boolean eval(Facts f) {
            return f.pdx(attr);
        }
    }

    static final class Sdx extends Node {
        final int attr;

        Sdx(int attr) {
            this.attr = attr;
        }

        @Override
        boolean eval(Facts f) {
            return f.sdx(attr);
        }

        @Override
        void sdxOperands(List<Integer> out) {
            out.add(attr);
        }
    }

    static final class Any extends Node {
        final int attr;

        Any(int attr) {
            this.attr = attr;
        }

        @Override
        boolean eval(Facts f) {
            return f.pdx(attr) || f.sdx(attr);
        }

        @Override
        void sdxOperands(List<Integer> out) {
            out.add(attr);
        }
    }

    static final class Only extends Node {
        final int attr;

        Only(int attr) {
            this.attr = attr;
        }

        @Override
        boolean eval(Facts f) {
            return f.only(attr);
        }
    }

    static final class Severity extends Node {
        final int level;
        final long[] suppress;

        Severity(int level, long[] suppress) {
            this.level = level;
            this.suppress = suppress;
        }

        @Override
        boolean eval(Facts f) {
            return f.level(suppress) >= level;
        }
    }

    static final class Kw extends Node {
        final Keyword keyword;

        Kw(Keyword keyword) {
            this.keyword = keyword;
        }

        @Override
        boolean eval(Facts f) {
            return f.keyword(keyword);
        }
    }

    /** A constant: {@code MDCnn} marker operands (the engine skips marker rows; never evaluated in practice). */
    static final class Const extends Node {
        final boolean value;

        Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean eval(Facts f) {
            return value;
        }
    }

    /**
     * Parses one formula. Diagnosis attribute names are interned by dxIds, procedure attribute names
     * by prIds; MCC/CC operands carry the row's suppression mask.
     */
    static Node parse(String text, ToIntFunction<String> dxIds, ToIntFunction<String> prIds, long[] suppress) {
        Parser p = new Parser(text, dxIds, prIds, suppress);
        Node n = p.or();
        if (p.pos < p.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos) + "' in formula: " + text);
        }
        return n;
    }


    private static final class Parser {
        final List<String> tokens = new ArrayList<>();
        final String text;
        final ToIntFunction<String> dxIds;
        final ToIntFunction<String> prIds;
        final long[] suppress;
        int pos;

        Parser(String text, ToIntFunction<String> dxIds, ToIntFunction<String> prIds, long[] suppress) {
            this.text = text;
            this.dxIds = dxIds;
            this.prIds = prIds;
            this.suppress = suppress;
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch)) {
                    i++;
                } else if ("&|~()".indexOf(ch) >= 0) {
                    tokens.add(String.valueOf(ch));
                    i++;
                } else {
                    int j = i;
                    while (j < text.length() && !Character.isWhitespace(text.charAt(j))
                            && "&|~()".indexOf(text.charAt(j)) < 0) {
                        j++;
                    }
                    tokens.add(text.substring(i, j));
                    i = j;
                }
            }
        }

        private String peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        Node or() {
            List<Node> parts = new ArrayList<>();
            parts.add(and());
            while ("|".equals(peek())) {
                pos++;
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts.toArray(Node[]::new));
        }

        Node and() {
            List<Node> parts = new ArrayList<>();
            parts.add(unary());
            while ("&".equals(peek())) {
                pos++;
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts.toArray(Node[]::new));
        }

        Node unary() {
            String t = peek();
            if (t == null) {
                throw new IllegalArgumentException("formula ends early: " + text);
            }
            pos++;
            if (t.equals("~")) {
                return new Not(unary());
            }
            if (t.equals("(")) {
                Node n = or();
                if (!")".equals(peek())) {
                    throw new IllegalArgumentException("missing ')' in formula: " + text);
                }
                pos++;
                return n;
            }
            return operand(t);
        }

        Node operand(String t) {
            int colon = t.indexOf(':');
            if (colon > 0) {
                String kind = t.substring(0, colon);
                int id = dxIds.applyAsInt(t.substring(colon + 1));
                return switch (kind) {
                    case "PDX" -> new Pdx(id);
                    case "SDX" -> new Sdx(id);
                    case "ANY" -> new Any(id);
                    case "ONLY" -> new Only(id);
                    default -> throw new IllegalArgumentException("unknown operand " + t + " in formula: " + text);
                };
            }
            if (t.equals("MCC")) {
                return new Severity(2, suppress);
            }
            if (t.equals("CC")) {
                return new Severity(1, suppress);
            }
            if (t.matches("MDC\\d\\d")) {
                return new Const(true);
            }
            if (t.matches("\\d+")) {
                return new Kw(Keyword.UNDEFINED);
            }
            for (Keyword k : Keyword.values()) {
                if (k.name().equals(t)) {
                    return new Kw(k);
                }
            }
            return new Proc(prIds.applyAsInt(t));
        }
    }
}
