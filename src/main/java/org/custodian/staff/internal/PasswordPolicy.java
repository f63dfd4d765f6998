package org.custodian.staff.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (HIPAA 45 CFR 164.308(a)(5)(ii)(D), password management; NIST SP
 * 800-63B 5.1.1.2: refuse common, breached and context-specific passwords, no composition rules).
 * Length 12 to 128, and a guessing estimate of at least {@code custodian.security.password-min-entropy}
 * bits from nbvcxz, whose dictionaries hold the commonest and breached passwords, English words
 * and names, keyboard patterns and leet speak; the user's own name and username count as known words.
 */
@Component
class PasswordPolicy {

    private final double minEntropy;

    PasswordPolicy(SignInSettings settings) {
        this.minEntropy = settings.passwordMinEntropy();
    }

    /** Why the password is refused, as a sentence for the person choosing it; empty when it is good. */
    Optional<String> problem(String password, String... personal) {
        if (password == null || password.length() < 12) {
            return Optional.of("At least 12 characters.");
        }
        if (password.length() > 128) {
            return Optional.of("At most 128 characters.");
        }
        List<String> words = new ArrayList<>(List.of("custodian", "hospital"));
        for (String p : personal) {
            if (p != null) {
                for (String w : p.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                    if (w.length() >= 3) {
                        words.add(w);
                    }
                }
            }
        }
        DictionaryBuilder own = new DictionaryBuilder().setDictionaryName("personal").setExclusion(true);
        words.forEach(w -> own.addWord(w, 0));
        List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        dictionaries.add(own.createDictionary());
        Configuration configuration = new ConfigurationBuilder().setDictionaries(dictionaries)
                .setMinimumEntropy(minEntropy).createConfiguration();
        Result result = new Nbvcxz(configuration).estimate(password);
        if (result.isMinimumEntropyMet()) {
            return Optional.empty();
        }
        String warning = result.getFeedback().getWarning();
        List<String> suggestions = result.getFeedback().getSuggestion();
        return Optional.of("Too easy to guess"
                + (warning == null || warning.isBlank() ? "" : ": " + warning.replaceAll("\\.$", ""))
                + ". Common, breached and predictable passwords are refused."
                + (suggestions == null || suggestions.isEmpty() ? " Use a few uncommon words." : " " + String.join(" ", suggestions)));
    }
}
