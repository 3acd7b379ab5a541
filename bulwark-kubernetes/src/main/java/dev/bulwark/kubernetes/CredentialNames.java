package dev.bulwark.kubernetes;

import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * Whether a name (of an environment variable, of a ConfigMap key) reads like a credential: it
 * contains a word such as PASSWORD, SECRET, TOKEN or API_KEY (also in camelCase, dbPassword), and
 * does not end in a word that describes the credential rather than holds it (DB_PASSWORD_FILE,
 * tokenTtl, SECRET_NAME, ...).
 *
 * <p>Design: CEL compiles the pattern of every {@code matches} call anew, which made these four
 * expressions the most expensive part of BW-K8S-032 and BW-K8S-033. They are RE2 expressions and
 * run here on RE2J, the engine CEL uses, so a name matches exactly when it matched in the rules.
 * Stateless and thread-safe.
 */
final class CredentialNames {
    private static final Pattern CREDENTIAL_WORD = Pattern.compile("(?i)(^|[^a-z0-9])(password|passwd|passphrase|pass|pwd|secret|token"
            + "|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|credentials?|signing[_-]?key"
            + "|encryption[_-]?key|master[_-]?key|session[_-]?key|auth[_-]?key)([^a-z0-9]|$)");
    private static final Pattern CAMEL_CASE_CREDENTIAL_WORD = Pattern.compile(
            "[a-z0-9](Password|Passwd|Secret|Token|ApiKey|AccessKey|SecretKey|PrivateKey|ClientSecret|Credentials?)([A-Z_.-]|$)");
    private static final Pattern DESCRIPTIVE_SUFFIX = Pattern.compile("(?i)[^a-z0-9](file|path|dir|directory|url|uri|endpoint|host"
            + "|hostname|port|name|names|ttl|timeout|expiry|expiration|expires|length|len|type|id|header|enabled|enable|disabled|ref"
            + "|location|mode|policy|version|algorithm|alg|method|lifetime|duration|size|format|prefix|suffix|issuer|audience"
            + "|scope|scopes|provider|user|username|required|count|limit|interval|retries|field)$");
    private static final Pattern CAMEL_CASE_DESCRIPTIVE_SUFFIX = Pattern.compile(
            "[a-z0-9](File|Path|Dir|Url|Uri|Endpoint|Host|Port|Name|Id|Type|Header|Enabled)$");

    private CredentialNames() {}

    static boolean isCredential(String name) {
        if (!mayContainCredentialWord(name)) {
            return false;
        }
        return (CREDENTIAL_WORD.matcher(name).find() || CAMEL_CASE_CREDENTIAL_WORD.matcher(name).find())
                && !DESCRIPTIVE_SUFFIX.matcher(name).find()
                && !CAMEL_CASE_DESCRIPTIVE_SUFFIX.matcher(name).find();
    }

    /**
     * A quick test that the credential patterns can match: each of their words contains one of
     * these in any case. RE2's case folding also maps the Kelvin sign to k and the long s to s.
     */
    private static boolean mayContainCredentialWord(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("pass") || lower.contains("pwd") || lower.contains("secret") || lower.contains("token")
                || lower.contains("key") || lower.contains("credential") || name.indexOf('\u212A') >= 0 || name.indexOf('\u017F') >= 0;
    }
}
