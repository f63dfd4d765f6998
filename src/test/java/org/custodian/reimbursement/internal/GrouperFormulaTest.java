package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The formula language on its own: operands, precedence, negation, parentheses, severity. */
class GrouperFormulaTest {

    static final Map<String, Integer> DX = Map.of("hiv", 0, "hivsig", 1, "stcc", 2);
    static final Map<String, Integer> PR = Map.of("a", 0, "b", 1, "c", 2);

    /** Facts with the given procedure attributes, PDX attributes, SDX attributes and CC level. */
    record Facts(Set<Integer> proc, Set<Integer> pdx, Set<Integer> sdx, int level) implements Formula.Facts {
        @Override
        public boolean proc(int attr) {
            return proc.contains(attr);
        }

        @Override
        public boolean pdx(int attr) {
            return pdx.contains(attr);
        }

        @Override
        public boolean sdx(int attr) {
            return sdx.contains(attr);
        }

        @Override
        public boolean only(int attr) {
            return pdx.contains(attr) && sdx.contains(attr);
        }

        @Override
        public int level(long[] suppress) {
            return suppress != null ? 0 : level;
        }

        @Override
        public boolean keyword(Formula.Keyword k) {
            return k == Formula.Keyword.ANYDX;
        }
    }

    static boolean eval(String formula, Facts f) {
        return Formula.parse(formula, n -> DX.getOrDefault(n, -1), n -> PR.getOrDefault(n, -1), null).eval(f);
    }

    static Facts procs(Integer... ids) {
        return new Facts(Set.of(ids), Set.of(), Set.of(), 0);
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(eval("a | b & c", procs(0))).isTrue();
        assertThat(eval("(a | b) & c", procs(0))).isFalse();
        assertThat(eval("~a & b", procs(1))).isTrue();
        assertThat(eval("~(a | b)", procs(1))).isFalse();
        assertThat(eval("~a & b", procs(0, 1))).isFalse();
    }

    @Test
    void diagnosisOperandsLookAtThePrincipalTheSecondariesOrBoth() {
        Facts f = new Facts(Set.of(), Set.of(1), Set.of(0), 0);
        assertThat(eval("PDX:hiv | (PDX:hivsig & SDX:hiv)", f)).isTrue();
        assertThat(eval("PDX:hiv", f)).isFalse();
        assertThat(eval("ANY:hiv & ANY:hivsig", f)).isTrue();
        assertThat(eval("ONLY:hiv", f)).isFalse();
    }

    @Test
    void ccIsCcOrHigherAndMccOnlyMcc() {
        assertThat(eval("MCC", new Facts(Set.of(), Set.of(), Set.of(), 1))).isFalse();
        assertThat(eval("CC", new Facts(Set.of(), Set.of(), Set.of(), 1))).isTrue();
        assertThat(eval("CC", new Facts(Set.of(), Set.of(), Set.of(), 2))).isTrue();
        assertThat(eval("(MCC | CC) & a", new Facts(Set.of(0), Set.of(), Set.of(), 0))).isFalse();
    }

    @Test
    void unknownNamesAreNeverTrueAndBrokenFormulasAreRefusedAtLoad() {
        assertThat(eval("nosuchattr | ANYDX", procs())).isTrue();
        assertThat(eval("nosuchattr", procs(0, 1, 2))).isFalse();
        assertThat(eval("5", procs())).isFalse();
        for (String bad : List.of("(a | b", "a &", "a b", "XYZ:a")) {
            assertThatThrownBy(() -> eval(bad, procs())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
