package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzzing the MLLP framing (issue 22): any bytes yield frames, OVERSIZED or the end, never more than the limit. */
class MllpFramingPropertiesTest {

    @Property
    void anyBytesYieldBoundedFramesAndEnd(@ForAll @Size(max = 600) byte[] bytes, @ForAll @IntRange(min = 1, max = 64) int max)
            throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        int frames = 0;
        byte[] frame;
        while ((frame = MllpFraming.read(in, max)) != null) {
            assertThat(frame.length).isLessThanOrEqualTo(max);
            frames++;
        }
        assertThat(frames).isLessThanOrEqualTo(bytes.length);
    }
}
