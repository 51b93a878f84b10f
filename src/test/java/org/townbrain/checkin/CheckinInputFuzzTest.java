package org.townbrain.checkin;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.townbrain.platform.errors.RejectedException;

/**
 * What a visitor or an enterprise types into a check-in or resumption form (phone number, venue
 * code, unified social credit code, industry and size): every parser answers with a value, an
 * empty result or a {@link RejectedException} (a 422 naming the field), never anything else.
 */
class CheckinInputFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyTypedTextIsAValueOrAFieldError(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            PhoneNumber.parse(text);
        } catch (RejectedException fieldError) {
            // 422 on the phone field
        }
        try {
            Uscc.parse(text);
        } catch (RejectedException fieldError) {
            // 422 on the uscc field
        }
        VenueCode.parse(text);
        Industry.parse(text);
        Industry.Size.parse(text);
        VenueType.parse(text);
    }
}
