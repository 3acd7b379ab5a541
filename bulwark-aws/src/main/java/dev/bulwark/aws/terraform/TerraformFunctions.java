package dev.bulwark.aws.terraform;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.core.yaml.YamlReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Terraform's built-in functions that a static scan can compute: string, collection, encoding,
 * numeric, IP network, hashing, type conversion and (inside the scanned folder) file functions.
 * Functions whose result is only known at apply time ({@code timestamp}, {@code uuid},
 * {@code bcrypt}) return {@link Unknown}. An unknown argument makes the result unknown, except
 * where Terraform itself can tell (the length of a list with unknown elements, {@code coalesce}
 * with a known first value). {@code try} and {@code can} need unevaluated arguments and live in
 * the evaluator.
 *
 * <p>Results are bounded: lists, strings and ranges larger than {@link #MAX_ELEMENTS} elements or
 * {@link #MAX_STRING} characters fail, so a hostile configuration cannot exhaust memory.
 */
final class TerraformFunctions {
    static final int MAX_ELEMENTS = 100_000;
    static final int MAX_STRING = 4 * 1024 * 1024;

    /** File access for file(), templatefile() and friends, limited to the scanned folders. */
    interface Files {
        /**
         * The text of {@code path}, or an {@link Unknown} when it cannot be read here (missing,
         * outside the scanned folders, binary or too large: often a build output).
         */
        Object read(String path) throws EvaluationException;

        /** Whether {@code path} exists and may be read. */
        boolean exists(String path);

        /** Files under {@code path} matching {@code pattern}, relative to {@code path}, sorted. */
        List<String> fileset(String path, String pattern) throws EvaluationException;

        /** Renders {@code template} text with {@code variables}, as templatefile() does. */
        Object render(String template, Map<String, Object> variables) throws EvaluationException;
    }

    private TerraformFunctions() {}

    /** Names of the functions {@link #call} knows, besides try and can. */
    static boolean known(String name) {
        return switch (strip(name)) {
            case "abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum",
                 "chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "regex", "regexall", "replace",
                 "split", "startswith", "strcontains", "strrev", "substr", "title", "trim", "trimprefix", "trimsuffix",
                 "trimspace", "upper",
                 "alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat", "contains", "distinct",
                 "element", "flatten", "index", "keys", "length", "list", "lookup", "map", "matchkeys", "merge", "one",
                 "range", "reverse", "setintersection", "setproduct", "setsubtract", "setunion", "slice", "sort", "sum",
                 "transpose", "values", "zipmap",
                 "base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode", "jsonencode", "textdecodebase64",
                 "textencodebase64", "urlencode", "yamldecode", "yamlencode",
                 "abspath", "dirname", "pathexpand", "basename", "file", "fileexists", "fileset", "filebase64", "templatefile",
                 "filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512",
                 "formatdate", "timeadd", "timestamp", "timecmp", "plantimestamp",
                 "base64sha256", "base64sha512", "bcrypt", "md5", "rsadecrypt", "sha1", "sha256", "sha512", "uuid", "uuidv5",
                 "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets",
                 "nonsensitive", "sensitive", "issensitive", "tobool", "tolist", "tomap", "tonumber", "toset", "tostring",
                 "type", "ephemeralasnull", "templatestring" -> true;
            default -> false;
        };
    }

    /** {@code provider::terraform::tfvarsencode} and {@code core::join} name the same functions without namespace. */
    private static String strip(String name) {
        int separator = name.lastIndexOf("::");
        return separator < 0 ? name : name.substring(separator + 2);
    }

    static Object call(String name, List<Object> args, Files files) throws EvaluationException {
        String function = strip(name);
        // Functions that tolerate unknown arguments decide themselves.
        switch (function) {
            case "length" -> {
                arity(function, args, 1);
                Object value = args.get(0);
                if (value instanceof Unknown) {
                    return value;
                }
                if (value instanceof JsonText json && !json.complete()) {
                    return Values.firstUnknown(json);
                }
                if (value instanceof String || value instanceof JsonText) {
                    String text = Values.asString(value);
                    return BigDecimal.valueOf(text.codePointCount(0, text.length()));
                }
                if (value instanceof Collection<?> collection) {
                    return BigDecimal.valueOf(collection.size());
                }
                if (value instanceof Map<?, ?> map) {
                    return BigDecimal.valueOf(map.size());
                }
                throw new EvaluationException("length() needs a string, list or map, not " + Values.typeName(value));
            }
            case "coalesce" -> {
                for (Object arg : args) {
                    if (arg instanceof Unknown) {
                        return arg;
                    }
                    if (arg != null && !"".equals(arg)) {
                        return arg;
                    }
                }
                throw new EvaluationException("coalesce() found no non-null, non-empty argument");
            }
            case "coalescelist" -> {
                for (Object arg : args) {
                    if (arg instanceof Unknown) {
                        return arg;
                    }
                    if (arg instanceof List<?> list && !list.isEmpty()) {
                        return arg;
                    }
                }
                throw new EvaluationException("coalescelist() found no non-empty list");
            }
            case "concat" -> {
                TfList result = new TfList();
                for (Object arg : args) {
                    if (arg instanceof Unknown) {
                        return arg;
                    }
                    result.addAll(Values.asList(arg));
                    limit(result.size());
                }
                return result;
            }
            case "merge" -> {
                TfObject result = new TfObject();
                for (Object arg : args) {
                    if (arg == null) {
                        continue;
                    }
                    if (arg instanceof Unknown) {
                        return arg;
                    }
                    Map<String, Object> map = Values.asMap(arg);
                    Range.copyInto(map, result);
                }
                return result;
            }
            case "lookup" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw new EvaluationException("lookup() takes a map, a key and an optional default");
                }
                if (args.get(0) instanceof Unknown || args.get(1) instanceof Unknown) {
                    return args.get(0) instanceof Unknown ? args.get(0) : args.get(1);
                }
                Map<String, Object> map = Values.asMap(args.get(0));
                String key = Values.asString(args.get(1));
                if (map.containsKey(key)) {
                    return map.get(key);
                }
                if (args.size() == 3) {
                    return args.get(2);
                }
                throw new EvaluationException("lookup() found no key \"" + Values.abbreviate(key) + "\" and has no default");
            }
            case "try", "can" -> throw new IllegalStateException(function + " is evaluated lazily");
            case "nonsensitive", "sensitive", "ephemeralasnull" -> {
                arity(function, args, 1);
                return args.get(0);
            }
            case "jsonencode" -> {
                arity(function, args, 1);
                Object value = args.get(0);
                if (value instanceof Unknown) {
                    return value;
                }
                return new JsonText(Values.containsUnknown(value) ? null : Json.encode(value), value);
            }
            case "issensitive" -> {
                return Boolean.FALSE;
            }
            case "timestamp", "plantimestamp", "uuid", "bcrypt", "rsadecrypt", "base64gzip" -> {
                return Unknown.because(function + "() is only known at apply time");
            }
            case "contains" -> {
                arity(function, args, 2);
                if (args.get(0) instanceof Unknown || Values.containsUnknown(args.get(1))) {
                    return Unknown.because("contains() of an unknown value");
                }
                boolean sawUnknown = false;
                for (Object element : collection(args.get(0))) {
                    if (element instanceof Unknown) {
                        sawUnknown = true;
                    } else if (Values.equal(element, args.get(1))) {
                        return Boolean.TRUE;
                    }
                }
                return sawUnknown ? Unknown.because("contains() over unknown elements") : Boolean.FALSE;
            }
            case "element" -> {
                arity(function, args, 2);
                if (args.get(0) instanceof Unknown || args.get(1) instanceof Unknown) {
                    return Unknown.because("element() of an unknown value");
                }
                List<Object> list = Values.asList(args.get(0));
                if (list.isEmpty()) {
                    throw new EvaluationException("element() of an empty list");
                }
                int index = Values.asInt(args.get(1));
                if (index < 0) {
                    throw new EvaluationException("element() index must not be negative");
                }
                return list.get(index % list.size());
            }
            case "one" -> {
                arity(function, args, 1);
                if (args.get(0) instanceof Unknown) {
                    return args.get(0);
                }
                List<Object> list = collection(args.get(0));
                if (list.isEmpty()) {
                    return null;
                }
                if (list.size() > 1) {
                    throw new EvaluationException("one() of a list with " + list.size() + " elements");
                }
                return list.get(0);
            }
            case "flatten" -> {
                arity(function, args, 1);
                if (args.get(0) instanceof Unknown) {
                    return args.get(0);
                }
                TfList result = new TfList();
                flatten(Values.asList(args.get(0)), result, 0);
                return result;
            }
            case "keys" -> {
                arity(function, args, 1);
                if (args.get(0) instanceof Unknown) {
                    return args.get(0);
                }
                List<String> keys = new ArrayList<>(Values.asMap(args.get(0)).keySet());
                keys.sort(Values.LEXICAL);
                return new TfList(keys);
            }
            case "values" -> {
                arity(function, args, 1);
                if (args.get(0) instanceof Unknown) {
                    return args.get(0);
                }
                Map<String, Object> map = Values.asMap(args.get(0));
                List<String> keys = new ArrayList<>(map.keySet());
                keys.sort(Values.LEXICAL);
                TfList result = new TfList();
                for (String key : keys) {
                    result.add(map.get(key));
                }
                return result;
            }
            case "tolist", "toset" -> {
                arity(function, args, 1);
                Object value = args.get(0);
                if (value instanceof Unknown || value == null) {
                    return value;
                }
                List<Object> list = collection(value);
                if (function.equals("tolist")) {
                    return new TfList(list).kind(TfList.Kind.LIST);
                }
                if (Values.containsUnknown(value)) {
                    return Unknown.because("toset() of unknown elements");
                }
                return distinctSorted(list);
            }
            case "tomap" -> {
                arity(function, args, 1);
                Object value = args.get(0);
                if (value instanceof Unknown || value == null) {
                    return value;
                }
                return new TfObject(Values.asMap(value)).kind(TfObject.Kind.MAP);
            }
            case "zipmap" -> {
                // Known keys and unknown values make an object with unknown values, as in Terraform.
                arity(function, args, 2);
                if (Values.containsUnknown(args.get(0)) || args.get(1) instanceof Unknown) {
                    return Unknown.because("zipmap() of unknown keys");
                }
                List<Object> keys = Values.asList(args.get(0));
                List<Object> values = Values.asList(args.get(1));
                if (keys.size() != values.size()) {
                    throw new EvaluationException("zipmap() lists must have the same length");
                }
                TfObject result = new TfObject();
                for (int i = 0; i < keys.size(); i++) {
                    result.put(Values.asString(keys.get(i)), values.get(i));
                }
                return result;
            }
            case "slice" -> {
                arity(function, args, 3);
                if (args.get(0) instanceof Unknown || args.get(1) instanceof Unknown || args.get(2) instanceof Unknown) {
                    return Unknown.because("slice() of an unknown value");
                }
                List<Object> list = Values.asList(args.get(0));
                int start = Values.asInt(args.get(1));
                int end = Values.asInt(args.get(2));
                if (start < 0 || end > list.size() || start > end) {
                    throw new EvaluationException("slice() indexes " + start + " to " + end + " are out of range");
                }
                return new TfList(list.subList(start, end));
            }
            case "reverse" -> {
                arity(function, args, 1);
                if (args.get(0) instanceof Unknown) {
                    return args.get(0);
                }
                List<Object> list = new ArrayList<>(collection(args.get(0)));
                java.util.Collections.reverse(list);
                return new TfList(list);
            }
            default -> {
                // every other function needs known arguments
            }
        }
        for (Object arg : args) {
            if (Values.containsUnknown(arg)) {
                Unknown unknown = Values.firstUnknown(arg);
                return unknown.reference().isPresent() ? unknown : Unknown.because(function + "() of an unknown value");
            }
        }
        return callKnown(function, args, files);
    }

    private static Object callKnown(String function, List<Object> args, Files files) throws EvaluationException {
        switch (function) {
            // ------------------------------------------------------------ numeric
            case "abs" -> {
                arity(function, args, 1);
                return Values.asNumber(args.get(0)).abs();
            }
            case "ceil", "floor" -> {
                arity(function, args, 1);
                BigDecimal number = Values.asNumber(args.get(0));
                if (number.scale() <= 0) {
                    return number;
                }
                return number.setScale(0, function.equals("ceil") ? RoundingMode.CEILING : RoundingMode.FLOOR);
            }
            case "log" -> {
                arity(function, args, 2);
                double value = Values.asNumber(args.get(0)).doubleValue();
                double base = Values.asNumber(args.get(1)).doubleValue();
                return number(Math.log(value) / Math.log(base));
            }
            case "pow" -> {
                arity(function, args, 2);
                return number(Math.pow(Values.asNumber(args.get(0)).doubleValue(), Values.asNumber(args.get(1)).doubleValue()));
            }
            case "signum" -> {
                arity(function, args, 1);
                return BigDecimal.valueOf(Values.asNumber(args.get(0)).signum());
            }
            case "max", "min" -> {
                List<Object> numbers = args;
                if (numbers.isEmpty()) {
                    throw new EvaluationException(function + "() needs at least one number");
                }
                BigDecimal best = Values.asNumber(numbers.get(0));
                for (Object arg : numbers) {
                    BigDecimal number = Values.asNumber(arg);
                    if (function.equals("max") ? number.compareTo(best) > 0 : number.compareTo(best) < 0) {
                        best = number;
                    }
                }
                return best;
            }
            case "parseint" -> {
                arity(function, args, 2);
                int base = Values.asInt(args.get(1));
                if (base < 2 || base > 62) {
                    throw new EvaluationException("parseint() base must be between 2 and 62");
                }
                String digits = Values.asString(args.get(0));
                if (digits.length() > 200) {
                    throw new EvaluationException("parseint() input is too long");
                }
                try {
                    return new BigDecimal(new BigInteger(digits, Math.min(base, 36)));
                } catch (NumberFormatException e) {
                    throw new EvaluationException("parseint() cannot read " + Values.describe(args.get(0)) + " in base " + base);
                }
            }
            // ------------------------------------------------------------ strings
            case "chomp" -> {
                arity(function, args, 1);
                return Values.asString(args.get(0)).replaceAll("[\\r\\n]+$", "");
            }
            case "endswith" -> {
                arity(function, args, 2);
                return Values.asString(args.get(0)).endsWith(Values.asString(args.get(1)));
            }
            case "startswith" -> {
                arity(function, args, 2);
                return Values.asString(args.get(0)).startsWith(Values.asString(args.get(1)));
            }
            case "strcontains" -> {
                arity(function, args, 2);
                return Values.asString(args.get(0)).contains(Values.asString(args.get(1)));
            }
            case "format" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException("format() needs a format string");
                }
                return Formatter.format(Values.asString(args.get(0)), args.subList(1, args.size()));
            }
            case "formatlist" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException("formatlist() needs a format string");
                }
                String format = Values.asString(args.get(0));
                int length = -1;
                for (Object arg : args.subList(1, args.size())) {
                    if (arg instanceof List<?> list) {
                        if (length >= 0 && list.size() != length) {
                            throw new EvaluationException("formatlist() lists must have the same length");
                        }
                        length = list.size();
                    }
                }
                if (length < 0) {
                    length = 1;
                }
                TfList result = new TfList();
                for (int i = 0; i < length; i++) {
                    List<Object> row = new ArrayList<>();
                    for (Object arg : args.subList(1, args.size())) {
                        row.add(arg instanceof List<?> list ? list.get(i) : arg);
                    }
                    result.add(Formatter.format(format, row));
                }
                return result;
            }
            case "indent" -> {
                arity(function, args, 2);
                String padding = " ".repeat(Math.max(0, Math.min(Values.asInt(args.get(0)), 1000)));
                String text = Values.asString(args.get(1));
                return bounded(text.replace("\n", "\n" + padding));
            }
            case "join" -> {
                if (args.size() < 2) {
                    throw new EvaluationException("join() takes a separator and lists");
                }
                String separator = Values.asString(args.get(0));
                StringBuilder joined = new StringBuilder();
                boolean first = true;
                for (Object list : args.subList(1, args.size())) {
                    for (Object element : collection(list)) {
                        if (!first) {
                            joined.append(separator);
                        }
                        joined.append(Values.asString(element));
                        first = false;
                        if (joined.length() > MAX_STRING) {
                            throw new EvaluationException("join() result is too long");
                        }
                    }
                }
                return joined.toString();
            }
            case "lower", "upper" -> {
                // Letter by letter, as Go does: "ß" stays "ß" in upper(), where Java would write "SS".
                arity(function, args, 1);
                String text = Values.asString(args.get(0));
                StringBuilder mapped = new StringBuilder(text.length());
                text.codePoints().forEach(codePoint -> mapped.appendCodePoint(function.equals("lower")
                        ? Character.toLowerCase(codePoint) : Character.toUpperCase(codePoint)));
                return mapped.toString();
            }
            case "title" -> {
                arity(function, args, 1);
                String text = Values.asString(args.get(0));
                StringBuilder titled = new StringBuilder(text.length());
                boolean start = true;
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    titled.append(start ? Character.toTitleCase(c) : c);
                    start = !Character.isLetterOrDigit(c);
                }
                return titled.toString();
            }
            case "regex", "regexall" -> {
                arity(function, args, 2);
                Pattern pattern = compile(Values.asString(args.get(0)));
                String text = Values.asString(args.get(1));
                Matcher matcher = pattern.matcher(text);
                if (function.equals("regex")) {
                    if (!matcher.find()) {
                        throw new EvaluationException("regex() found no match");
                    }
                    return matchResult(pattern, matcher);
                }
                TfList all = new TfList();
                int previousEnd = -1;
                while (matcher.find()) {
                    // As Go does: an empty match right after the previous match does not count.
                    if (matcher.start() == matcher.end() && matcher.start() == previousEnd) {
                        continue;
                    }
                    all.add(matchResult(pattern, matcher));
                    limit(all.size());
                    previousEnd = matcher.end();
                }
                return all;
            }
            case "replace" -> {
                arity(function, args, 3);
                String text = Values.asString(args.get(0));
                String search = Values.asString(args.get(1));
                String replacement = Values.asString(args.get(2));
                if (search.length() > 1 && search.startsWith("/") && search.endsWith("/")) {
                    Pattern pattern = compile(search.substring(1, search.length() - 1));
                    return bounded(replaceAll(pattern, text, replacement));
                }
                if (search.isEmpty()) {
                    return text;
                }
                return bounded(text.replace(search, replacement));
            }
            case "split" -> {
                arity(function, args, 2);
                String separator = Values.asString(args.get(0));
                String text = Values.asString(args.get(1));
                TfList parts = new TfList();
                if (separator.isEmpty()) {
                    text.codePoints().forEach(codePoint -> parts.add(new String(Character.toChars(codePoint))));
                    return parts;
                }
                int from = 0;
                while (true) {
                    int at = text.indexOf(separator, from);
                    if (at < 0) {
                        parts.add(text.substring(from));
                        break;
                    }
                    parts.add(text.substring(from, at));
                    limit(parts.size());
                    from = at + separator.length();
                }
                return parts;
            }
            case "strrev" -> {
                arity(function, args, 1);
                return new StringBuilder(Values.asString(args.get(0))).reverse().toString();
            }
            case "substr" -> {
                arity(function, args, 3);
                String text = Values.asString(args.get(0));
                int[] codePoints = text.codePoints().toArray();
                int offset = Values.asInt(args.get(1));
                int length = Values.asInt(args.get(2));
                if (offset < 0) {
                    offset = Math.max(0, codePoints.length + offset);
                }
                if (offset > codePoints.length) {
                    throw new EvaluationException("substr() offset is beyond the end of the string");
                }
                int end = length < 0 ? codePoints.length : Math.min(codePoints.length, offset + length);
                return new String(codePoints, offset, Math.max(0, end - offset));
            }
            case "trim" -> {
                arity(function, args, 2);
                String text = Values.asString(args.get(0));
                String cut = Values.asString(args.get(1));
                int start = 0;
                int end = text.length();
                while (start < end && cut.indexOf(text.charAt(start)) >= 0) {
                    start++;
                }
                while (end > start && cut.indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                return text.substring(start, end);
            }
            case "trimprefix" -> {
                arity(function, args, 2);
                String text = Values.asString(args.get(0));
                String prefix = Values.asString(args.get(1));
                return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
            }
            case "trimsuffix" -> {
                arity(function, args, 2);
                String text = Values.asString(args.get(0));
                String suffix = Values.asString(args.get(1));
                return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
            }
            case "trimspace" -> {
                arity(function, args, 1);
                return Values.asString(args.get(0)).strip();
            }
            case "templatestring" -> {
                arity(function, args, 2);
                return files.render(Values.asString(args.get(0)), Values.asMap(args.get(1)));
            }
            // ------------------------------------------------------------ collections
            case "alltrue" -> {
                arity(function, args, 1);
                for (Object element : collection(args.get(0))) {
                    if (!Values.asBool(element)) {
                        return Boolean.FALSE;
                    }
                }
                return Boolean.TRUE;
            }
            case "anytrue" -> {
                arity(function, args, 1);
                for (Object element : collection(args.get(0))) {
                    if (Values.asBool(element)) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
            case "chunklist" -> {
                arity(function, args, 2);
                List<Object> list = collection(args.get(0));
                int size = Values.asInt(args.get(1));
                if (size < 0) {
                    throw new EvaluationException("chunklist() size must not be negative");
                }
                TfList chunks = new TfList();
                if (size == 0) {
                    chunks.add(new TfList(list));
                    return chunks;
                }
                for (int i = 0; i < list.size(); i += size) {
                    chunks.add(new TfList(list.subList(i, Math.min(list.size(), i + size))));
                }
                return chunks;
            }
            case "compact" -> {
                arity(function, args, 1);
                TfList result = new TfList();
                for (Object element : collection(args.get(0))) {
                    if (element != null && !Values.asString(element).isEmpty()) {
                        result.add(element);
                    }
                }
                return result;
            }
            case "distinct" -> {
                arity(function, args, 1);
                TfList result = new TfList();
                Set<String> seen = new java.util.HashSet<>();
                for (Object element : collection(args.get(0))) {
                    if (seen.add(Values.key(element))) {
                        result.add(element);
                    }
                }
                return result;
            }
            case "index" -> {
                arity(function, args, 2);
                List<Object> list = collection(args.get(0));
                for (int i = 0; i < list.size(); i++) {
                    if (Values.equal(list.get(i), args.get(1))) {
                        return BigDecimal.valueOf(i);
                    }
                }
                throw new EvaluationException("index() found no such element");
            }
            case "list" -> {
                return new TfList(args);
            }
            case "map" -> {
                if (args.size() % 2 != 0) {
                    throw new EvaluationException("map() needs key and value pairs");
                }
                TfObject result = new TfObject();
                for (int i = 0; i < args.size(); i += 2) {
                    result.put(Values.asString(args.get(i)), args.get(i + 1));
                }
                return result;
            }
            case "matchkeys" -> {
                arity(function, args, 3);
                List<Object> values = Values.asList(args.get(0));
                List<Object> keys = Values.asList(args.get(1));
                List<Object> search = collection(args.get(2));
                if (values.size() != keys.size()) {
                    throw new EvaluationException("matchkeys() lists must have the same length");
                }
                Set<String> wanted = keySet(search);
                TfList result = new TfList();
                for (int i = 0; i < keys.size(); i++) {
                    if (wanted.contains(Values.key(keys.get(i)))) {
                        result.add(values.get(i));
                    }
                }
                return result;
            }
            case "range" -> {
                if (args.isEmpty() || args.size() > 3) {
                    throw new EvaluationException("range() takes one to three numbers");
                }
                BigDecimal start = BigDecimal.ZERO;
                BigDecimal end;
                BigDecimal step = BigDecimal.ONE;
                if (args.size() == 1) {
                    end = Values.asNumber(args.get(0));
                } else {
                    start = Values.asNumber(args.get(0));
                    end = Values.asNumber(args.get(1));
                }
                if (args.size() == 3) {
                    step = Values.asNumber(args.get(2));
                } else if (end.compareTo(start) < 0) {
                    // Without a step, counting goes down when the limit is below the start: range(-3) is [0, -1, -2].
                    step = BigDecimal.ONE.negate();
                }
                if (step.signum() == 0) {
                    throw new EvaluationException("range() step must not be zero");
                }
                TfList result = new TfList();
                for (BigDecimal value = start; step.signum() > 0 ? value.compareTo(end) < 0 : value.compareTo(end) > 0;
                     value = value.add(step)) {
                    result.add(value);
                    limit(result.size());
                }
                return result;
            }
            case "setintersection", "setsubtract", "setunion" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException(function + "() needs sets");
                }
                List<Object> result = new ArrayList<>(collection(args.get(0)));
                for (Object other : args.subList(1, args.size())) {
                    List<Object> elements = collection(other);
                    if (function.equals("setunion")) {
                        result.addAll(elements);
                        limit(result.size());
                    } else {
                        boolean keep = function.equals("setintersection");
                        Set<String> keys = keySet(elements);
                        List<Object> kept = new ArrayList<>();
                        for (Object element : result) {
                            if (keys.contains(Values.key(element)) == keep) {
                                kept.add(element);
                            }
                        }
                        result = kept;
                    }
                }
                return distinctSorted(result);
            }
            case "setproduct" -> {
                List<List<Object>> product = new ArrayList<>();
                product.add(new ArrayList<>());
                for (Object arg : args) {
                    List<List<Object>> next = new ArrayList<>();
                    for (List<Object> prefix : product) {
                        for (Object element : collection(arg)) {
                            List<Object> row = new ArrayList<>(prefix);
                            row.add(element);
                            next.add(row);
                            limit(next.size());
                        }
                    }
                    product = next;
                }
                TfList result = new TfList();
                for (List<Object> row : product) {
                    result.add(new TfList(row));
                }
                return result;
            }
            case "sort" -> {
                arity(function, args, 1);
                List<String> strings = new ArrayList<>();
                for (Object element : collection(args.get(0))) {
                    strings.add(Values.asString(element));
                }
                strings.sort(Values.LEXICAL);
                return new TfList(strings);
            }
            case "sum" -> {
                arity(function, args, 1);
                BigDecimal total = BigDecimal.ZERO;
                if (collection(args.get(0)).isEmpty()) {
                    throw new EvaluationException("sum() of an empty list");
                }
                for (Object element : collection(args.get(0))) {
                    total = Values.checkRange(total.add(Values.asNumber(element), Values.MATH));
                }
                return total;
            }
            case "transpose" -> {
                arity(function, args, 1);
                Map<String, Object> map = Values.asMap(args.get(0));
                TreeMap<String, TreeSet<String>> result = new TreeMap<>();
                for (Map.Entry<String, Object> entry : map.entrySet()) {
                    for (Object element : collection(entry.getValue())) {
                        result.computeIfAbsent(Values.asString(element), key -> new TreeSet<>()).add(entry.getKey());
                    }
                }
                TfObject object = new TfObject();
                result.forEach((key, set) -> object.put(key, new TfList(set)));
                return object;
            }
            // ------------------------------------------------------------ encoding
            case "base64decode", "textdecodebase64" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException(function + "() needs a string");
                }
                String text = Values.asString(args.get(0));
                try {
                    return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new EvaluationException(function + "() input is not base64");
                }
            }
            case "base64encode", "textencodebase64" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException(function + "() needs a string");
                }
                return Base64.getEncoder().encodeToString(Values.asString(args.get(0)).getBytes(StandardCharsets.UTF_8));
            }
            case "csvdecode" -> {
                arity(function, args, 1);
                return Csv.decode(Values.asString(args.get(0)));
            }
            case "jsondecode" -> {
                arity(function, args, 1);
                String text = Values.asString(args.get(0));
                if (text.length() > MAX_STRING) {
                    throw new EvaluationException("jsondecode() input is too long");
                }
                return Json.decode(text);
            }
            case "yamldecode" -> {
                arity(function, args, 1);
                return decode(Values.asString(args.get(0)), function);
            }
            case "yamlencode" -> {
                arity(function, args, 1);
                // JSON is valid YAML; good enough for a scanner, which only reads it back.
                return Json.encode(args.get(0));
            }
            case "urlencode" -> {
                arity(function, args, 1);
                return urlEncode(Values.asString(args.get(0)));
            }
            // ------------------------------------------------------------ files and paths
            case "abspath", "pathexpand" -> {
                arity(function, args, 1);
                return Values.asString(args.get(0));
            }
            case "dirname" -> {
                arity(function, args, 1);
                String path = Values.asString(args.get(0));
                int slash = path.lastIndexOf('/');
                return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
            }
            case "basename" -> {
                arity(function, args, 1);
                String path = Values.asString(args.get(0));
                int slash = path.lastIndexOf('/');
                return slash < 0 ? path : path.substring(slash + 1);
            }
            case "file" -> {
                arity(function, args, 1);
                return files.read(Values.asString(args.get(0)));
            }
            case "filebase64", "filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512",
                 "templatefile" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException(function + "() needs a path");
                }
                Object content = files.read(Values.asString(args.get(0)));
                if (content instanceof Unknown) {
                    return content;
                }
                String text = (String) content;
                return switch (function) {
                    case "filebase64" -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
                    case "filemd5", "filesha1", "filesha256", "filesha512" -> hex(digest(function.substring(4), text));
                    case "filebase64sha256", "filebase64sha512" -> Base64.getEncoder().encodeToString(digest(function.substring(10), text));
                    default -> {
                        arity(function, args, 2);
                        yield files.render(text, Values.asMap(args.get(1)));
                    }
                };
            }
            case "fileexists" -> {
                arity(function, args, 1);
                return files.exists(Values.asString(args.get(0)));
            }
            case "fileset" -> {
                arity(function, args, 2);
                return new TfList(files.fileset(Values.asString(args.get(0)), Values.asString(args.get(1))));
            }
            // ------------------------------------------------------------ time
            case "formatdate" -> {
                arity(function, args, 2);
                return Dates.format(Values.asString(args.get(0)), Dates.parse(Values.asString(args.get(1))));
            }
            case "timeadd" -> {
                arity(function, args, 2);
                OffsetDateTime time = Dates.parse(Values.asString(args.get(0)));
                return Dates.add(time, Values.asString(args.get(1))).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .replace("+00:00", "Z");
            }
            case "timecmp" -> {
                arity(function, args, 2);
                int compared = Dates.parse(Values.asString(args.get(0))).compareTo(Dates.parse(Values.asString(args.get(1))));
                return BigDecimal.valueOf(Integer.signum(compared));
            }
            // ------------------------------------------------------------ hashes
            case "md5", "sha1", "sha256", "sha512" -> {
                arity(function, args, 1);
                return hex(digest(function, Values.asString(args.get(0))));
            }
            case "base64sha256", "base64sha512" -> {
                arity(function, args, 1);
                return Base64.getEncoder().encodeToString(digest(function.substring(6), Values.asString(args.get(0))));
            }
            case "uuidv5" -> {
                arity(function, args, 2);
                return nameUuid(Values.asString(args.get(0)), Values.asString(args.get(1)));
            }
            // ------------------------------------------------------------ networks
            case "cidrhost" -> {
                arity(function, args, 2);
                return Cidr.host(Values.asString(args.get(0)), wholeNumber(args.get(1), function));
            }
            case "cidrnetmask" -> {
                arity(function, args, 1);
                return Cidr.netmask(Values.asString(args.get(0)));
            }
            case "cidrsubnet" -> {
                arity(function, args, 3);
                return Cidr.subnet(Values.asString(args.get(0)), Values.asInt(args.get(1)), wholeNumber(args.get(2), function));
            }
            case "cidrsubnets" -> {
                if (args.isEmpty()) {
                    throw new EvaluationException("cidrsubnets() needs a prefix");
                }
                List<Integer> bits = new ArrayList<>();
                for (Object arg : args.subList(1, args.size())) {
                    bits.add(Values.asInt(arg));
                }
                return new TfList(Cidr.subnets(Values.asString(args.get(0)), bits));
            }
            // ------------------------------------------------------------ types
            case "tobool" -> {
                arity(function, args, 1);
                return args.get(0) == null ? null : Values.asBool(args.get(0));
            }
            case "tonumber" -> {
                arity(function, args, 1);
                return args.get(0) == null ? null : Values.asNumber(args.get(0));
            }
            case "tostring" -> {
                arity(function, args, 1);
                return args.get(0) == null ? null : Values.asString(args.get(0));
            }
            case "type" -> {
                arity(function, args, 1);
                return Values.typeName(args.get(0));
            }
            default -> throw new EvaluationException("unknown function " + function + "()");
        }
    }

    private static void arity(String function, List<Object> args, int count) throws EvaluationException {
        if (args.size() != count) {
            throw new EvaluationException(function + "() takes " + count + " argument" + (count == 1 ? "" : "s") + ", not " + args.size());
        }
    }

    private static void limit(int size) throws EvaluationException {
        if (size > MAX_ELEMENTS) {
            throw new EvaluationException("result has more than " + MAX_ELEMENTS + " elements");
        }
    }

    private static String bounded(String text) throws EvaluationException {
        if (text.length() > MAX_STRING) {
            throw new EvaluationException("result is longer than " + MAX_STRING + " characters");
        }
        return text;
    }

    private static BigDecimal number(double value) throws EvaluationException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new EvaluationException("result is not a finite number");
        }
        return BigDecimal.valueOf(value);
    }

    /** A list, or a set written as a list, or an object's values (for functions that accept collections). */
    @SuppressWarnings("unchecked")
    static List<Object> collection(Object value) throws EvaluationException {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>((Set<String>) map.keySet());
            keys.sort(Values.LEXICAL);
            List<Object> values = new ArrayList<>();
            for (String key : keys) {
                values.add(map.get(key));
            }
            return values;
        }
        if (value == null) {
            throw new EvaluationException("a null value cannot be used as a collection");
        }
        throw new EvaluationException("a " + Values.typeName(value) + " value cannot be used as a collection");
    }

    private static Set<String> keySet(List<Object> elements) throws EvaluationException {
        Set<String> keys = new java.util.HashSet<>();
        for (Object element : elements) {
            keys.add(Values.key(element));
        }
        return keys;
    }

    /** A whole number argument, for the network functions. */
    private static BigInteger wholeNumber(Object value, String function) throws EvaluationException {
        BigDecimal number = Values.normalize(Values.asNumber(value));
        if (number.scale() > 0 || number.precision() - number.scale() > 60) {
            throw new EvaluationException(function + "() needs a whole number, not " + Values.formatNumber(number));
        }
        return number.toBigIntegerExact();
    }

    /** Go's url.QueryEscape, which Terraform's urlencode() uses: letters, digits and -_.~ stay, a space is +. */
    private static String urlEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * A set as Terraform holds it: distinct elements in Terraform's order. Elements of one
     * primitive type are sorted (strings by code point, numbers by value); mixed primitives are
     * converted to strings first, as Terraform unifies a set's element type.
     */
    static TfList distinctSorted(List<Object> elements) {
        boolean allStrings = true;
        boolean allNumbers = true;
        boolean allPrimitive = true;
        for (Object element : elements) {
            allStrings &= element instanceof String;
            allNumbers &= element instanceof BigDecimal;
            allPrimitive &= element instanceof String || element instanceof BigDecimal || element instanceof Boolean;
        }
        List<Object> values = new ArrayList<>(elements);
        if (allPrimitive && !allStrings && !allNumbers && !elements.stream().allMatch(e -> e instanceof Boolean)) {
            values.clear();
            for (Object element : elements) {
                values.add(element instanceof BigDecimal number ? Values.formatNumber(number) : String.valueOf(element));
            }
            allStrings = true;
        }
        List<Object> distinct = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Object element : values) {
            String key;
            try {
                key = Values.key(element);
            } catch (EvaluationException e) {
                // An unknown or huge element: kept as it is.
                distinct.add(element);
                continue;
            }
            if (seen.add(key)) {
                distinct.add(element);
            }
        }
        if (allStrings) {
            distinct.sort((a, b) -> Values.LEXICAL.compare((String) a, (String) b));
        } else if (allNumbers) {
            distinct.sort((a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b));
        } else if (distinct.stream().allMatch(e -> e instanceof Boolean)) {
            distinct.sort((a, b) -> Boolean.compare((Boolean) a, (Boolean) b));
        }
        return new TfList(distinct).kind(TfList.Kind.SET);
    }

    private static void flatten(List<Object> list, TfList into, int depth) throws EvaluationException {
        if (depth > 64) {
            throw new EvaluationException("flatten() nesting is too deep");
        }
        for (Object element : list) {
            if (element instanceof List<?> inner) {
                @SuppressWarnings("unchecked")
                List<Object> nested = (List<Object>) inner;
                flatten(nested, into, depth + 1);
            } else {
                into.add(element);
                limit(into.size());
            }
        }
    }

    private static Pattern compile(String pattern) throws EvaluationException {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new EvaluationException("invalid regular expression: " + e.getDescription());
        }
    }

    /**
     * Go's Regexp.ReplaceAllString, which Terraform's replace() uses: {@code $1}, {@code ${1}},
     * {@code $name} and {@code ${name}} insert groups (a name is the longest run of letters,
     * digits and underscores, so {@code $1x} is the group named "1x"), a missing group inserts
     * nothing, {@code $$} is a dollar, and an empty match right after a match is skipped.
     */
    private static String replaceAll(Pattern pattern, String text, String template) throws EvaluationException {
        Matcher matcher = pattern.matcher(text);
        Map<String, Integer> named = pattern.namedGroups();
        StringBuilder out = new StringBuilder();
        int last = 0;
        int previousEnd = -1;
        while (matcher.find()) {
            if (matcher.start() == matcher.end() && matcher.start() == previousEnd) {
                continue;
            }
            out.append(text, last, matcher.start());
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c != '$' || i + 1 >= template.length()) {
                    out.append(c);
                    i++;
                    continue;
                }
                if (template.charAt(i + 1) == '$') {
                    out.append('$');
                    i += 2;
                    continue;
                }
                boolean braced = template.charAt(i + 1) == '{';
                int nameStart = i + (braced ? 2 : 1);
                int nameEnd = nameStart;
                while (nameEnd < template.length() && (Character.isLetterOrDigit(template.charAt(nameEnd)) || template.charAt(nameEnd) == '_')) {
                    nameEnd++;
                }
                if (nameEnd == nameStart || (braced && (nameEnd >= template.length() || template.charAt(nameEnd) != '}'))) {
                    out.append('$');
                    i++;
                    continue;
                }
                String name = template.substring(nameStart, nameEnd);
                int group = -1;
                if (name.chars().allMatch(Character::isDigit)) {
                    group = name.length() > 6 ? -1 : Integer.parseInt(name);
                } else if (named.containsKey(name)) {
                    group = named.get(name);
                }
                if (group >= 0 && group <= matcher.groupCount() && matcher.group(group) != null) {
                    out.append(matcher.group(group));
                }
                i = braced ? nameEnd + 1 : nameEnd;
            }
            if (out.length() > MAX_STRING) {
                throw new EvaluationException("replace() result is too long");
            }
            last = matcher.end();
            previousEnd = matcher.end();
        }
        out.append(text.substring(last));
        return out.toString();
    }

    private static Object matchResult(Pattern pattern, Matcher matcher) {
        if (matcher.groupCount() == 0) {
            return matcher.group();
        }
        Map<String, Integer> named = pattern.namedGroups();
        if (!named.isEmpty()) {
            TfObject groups = new TfObject();
            for (Map.Entry<String, Integer> entry : new TreeMap<>(named).entrySet()) {
                groups.put(entry.getKey(), matcher.group(entry.getValue()));
            }
            return groups;
        }
        TfList groups = new TfList();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return groups;
    }

    private static Object decode(String text, String function) throws EvaluationException {
        if (text.length() > MAX_STRING) {
            throw new EvaluationException(function + "() input is too long");
        }
        YamlReader.Result result = YamlReader.defaults().withMaxDepth(64).withNullElement(Json.NULL_ELEMENT).read(text, function);
        if (result.error().isPresent()) {
            throw new EvaluationException(function + "() input is invalid: " + result.error().get().getMessage());
        }
        if (result.documents().isEmpty()) {
            return null;
        }
        return Json.fromYaml(result.documents().get(0).root());
    }

    private static byte[] digest(String algorithm, String text) throws EvaluationException {
        String name = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new EvaluationException("unknown hash " + algorithm);
        };
        try {
            return MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String nameUuid(String namespace, String name) throws EvaluationException {
        String namespaceId = switch (namespace) {
            case "dns" -> "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
            case "url" -> "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
            case "oid" -> "6ba7b812-9dad-11d1-80b4-00c04fd430c8";
            case "x500" -> "6ba7b814-9dad-11d1-80b4-00c04fd430c8";
            default -> namespace;
        };
        UUID space;
        try {
            space = UUID.fromString(namespaceId);
        } catch (IllegalArgumentException e) {
            throw new EvaluationException("uuidv5() namespace must be dns, url, oid, x500 or a UUID");
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            buffer.putLong(space.getMostSignificantBits()).putLong(space.getLeastSignificantBits());
            sha1.update(buffer.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer result = java.nio.ByteBuffer.wrap(hash, 0, 16);
            return new UUID(result.getLong(), result.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copying of object entries with their ranges. */
    static final class Range {
        private Range() {}

        static void copyInto(Map<String, Object> from, TfObject into) {
            for (Map.Entry<String, Object> entry : from.entrySet()) {
                dev.bulwark.aws.hcl.Range range = from instanceof TfObject object ? object.rangeOf(entry.getKey()) : null;
                into.put(entry.getKey(), entry.getValue(), range);
            }
        }
    }

    /** Terraform's format verbs: %s %d %f %e %g %t %v %q %x %X %o %b %%, with width and precision. */
    static final class Formatter {
        private Formatter() {}

        static String format(String format, List<Object> args) throws EvaluationException {
            StringBuilder out = new StringBuilder();
            int next = 0;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%') {
                    out.append(c);
                    continue;
                }
                int start = i;
                i++;
                if (i >= format.length()) {
                    throw new EvaluationException("format() string ends with an incomplete verb");
                }
                if (format.charAt(i) == '%') {
                    out.append('%');
                    continue;
                }
                StringBuilder flags = new StringBuilder();
                while (i < format.length() && "+- #0".indexOf(format.charAt(i)) >= 0) {
                    flags.append(format.charAt(i++));
                }
                int argumentIndex = -1;
                if (i < format.length() && format.charAt(i) == '[') {
                    int close = format.indexOf(']', i);
                    if (close < 0) {
                        throw new EvaluationException("format() has an unclosed argument index");
                    }
                    String digits = format.substring(i + 1, close);
                    if (!digits.matches("[0-9]{1,6}") || Integer.parseInt(digits) < 1) {
                        throw new EvaluationException("format() argument index [" + Values.abbreviate(digits) + "] is invalid");
                    }
                    argumentIndex = Integer.parseInt(digits) - 1;
                    i = close + 1;
                }
                StringBuilder width = new StringBuilder();
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    width.append(format.charAt(i++));
                }
                StringBuilder precision = new StringBuilder();
                if (i < format.length() && format.charAt(i) == '.') {
                    precision.append('.');
                    i++;
                    while (i < format.length() && Character.isDigit(format.charAt(i))) {
                        precision.append(format.charAt(i++));
                    }
                }
                if (width.length() > 4 || precision.length() > 4) {
                    // A width of a billion would make a gigabyte of spaces.
                    throw new EvaluationException("format() width or precision above 999 is not supported");
                }
                if (i >= format.length()) {
                    throw new EvaluationException("format() verb at offset " + start + " is incomplete");
                }
                char verb = format.charAt(i);
                int index = argumentIndex >= 0 ? argumentIndex : next;
                next = index + 1;
                if (index >= args.size()) {
                    throw new EvaluationException("format() has too few arguments for its verbs");
                }
                Object arg = args.get(index);
                String spec = "%" + flags + width + precision;
                String piece;
                try {
                    piece = verb(verb, spec, arg);
                } catch (java.util.IllegalFormatException e) {
                    throw new EvaluationException("format() verb " + spec + verb + " is invalid");
                }
                out.append(piece);
                if (out.length() > MAX_STRING) {
                    throw new EvaluationException("format() result is too long");
                }
            }
            return out.toString();
        }

        private static String verb(char verb, String spec, Object arg) throws EvaluationException {
            return switch (verb) {
                case 's' -> String.format(Locale.ROOT, spec + "s", Values.asString(arg));
                case 'q' -> String.format(Locale.ROOT, spec + "s", Json.encode(Values.asString(arg)));
                case 'v' -> String.format(Locale.ROOT, spec + "s", arg instanceof String || arg instanceof BigDecimal
                        || arg instanceof Boolean ? Values.asString(arg) : Json.encode(arg));
                case 't' -> String.format(Locale.ROOT, spec + "s", Values.asBool(arg));
                case 'd', 'x', 'X', 'o' -> String.format(Locale.ROOT, spec + verb, integer(arg, verb));
                case 'b' -> integer(arg, verb).toString(2);
                case 'f', 'e', 'E', 'g', 'G' -> String.format(Locale.ROOT, spec + verb, Values.asNumber(arg).doubleValue());
                default -> throw new EvaluationException("format() verb %" + verb + " is not supported");
            };
        }

        /** A whole number for %d, %x, %o and %b; Terraform refuses a fraction there. */
        private static BigInteger integer(Object arg, char verb) throws EvaluationException {
            BigDecimal number = Values.normalize(Values.asNumber(arg));
            if (number.scale() > 0) {
                throw new EvaluationException("format() %" + verb + " needs a whole number, not " + Values.formatNumber(number));
            }
            if (number.precision() - number.scale() > 400) {
                throw new EvaluationException("format() %" + verb + " number is too large");
            }
            return number.toBigIntegerExact();
        }
    }

    /** Dates in RFC 3339, as Terraform's time functions use. */
    static final class Dates {
        private Dates() {}

        static OffsetDateTime parse(String text) throws EvaluationException {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new EvaluationException("\"" + Values.abbreviate(text) + "\" is not an RFC 3339 timestamp");
            }
        }

        static OffsetDateTime add(OffsetDateTime time, String duration) throws EvaluationException {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([-+]?)((?:[0-9]*\\.?[0-9]+(?:h|m|s|ms|us|µs|ns))+|0)")
                    .matcher(duration);
            if (duration.length() > 100 || !matcher.matches()) {
                throw new EvaluationException("\"" + Values.abbreviate(duration) + "\" is not a duration such as 1h30m");
            }
            java.util.regex.Matcher parts = java.util.regex.Pattern.compile("([0-9]*\\.?[0-9]+)(h|ms|us|µs|ns|m|s)").matcher(matcher.group(2));
            BigDecimal nanos = BigDecimal.ZERO;
            while (parts.find()) {
                BigDecimal amount = new BigDecimal(parts.group(1));
                nanos = nanos.add(amount.multiply(BigDecimal.valueOf(switch (parts.group(2)) {
                    case "h" -> 3_600_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "ms" -> 1_000_000L;
                    case "us", "µs" -> 1_000L;
                    default -> 1L;
                })));
            }
            try {
                // Go durations are at most about 292 years.
                long total = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
                return matcher.group(1).equals("-") ? time.minusNanos(total) : time.plusNanos(total);
            } catch (ArithmeticException | java.time.DateTimeException e) {
                throw new EvaluationException("\"" + Values.abbreviate(duration) + "\" is out of range");
            }
        }

        static String format(String spec, OffsetDateTime time) throws EvaluationException {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < spec.length()) {
                char c = spec.charAt(i);
                if (c == '\'') {
                    int close = spec.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new EvaluationException("formatdate() has an unterminated quoted literal");
                    }
                    out.append(spec, i + 1, close);
                    i = close + 1;
                    continue;
                }
                if (!Character.isLetter(c)) {
                    out.append(c);
                    i++;
                    continue;
                }
                int j = i;
                while (j < spec.length() && spec.charAt(j) == c) {
                    j++;
                }
                String token = spec.substring(i, j);
                out.append(switch (token) {
                    case "YYYY" -> String.format(Locale.ROOT, "%04d", time.getYear());
                    case "YY" -> String.format(Locale.ROOT, "%02d", time.getYear() % 100);
                    case "MMMM" -> time.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
                    case "MMM" -> time.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
                    case "MM" -> String.format(Locale.ROOT, "%02d", time.getMonthValue());
                    case "M" -> String.valueOf(time.getMonthValue());
                    case "DD" -> String.format(Locale.ROOT, "%02d", time.getDayOfMonth());
                    case "D" -> String.valueOf(time.getDayOfMonth());
                    case "EEEE" -> time.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
                    case "EEE" -> time.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
                    case "hh" -> String.format(Locale.ROOT, "%02d", time.getHour());
                    case "h" -> String.valueOf(time.getHour());
                    case "HH" -> String.format(Locale.ROOT, "%02d", (time.getHour() + 11) % 12 + 1);
                    case "H" -> String.valueOf((time.getHour() + 11) % 12 + 1);
                    case "AA" -> time.getHour() < 12 ? "AM" : "PM";
                    case "aa" -> time.getHour() < 12 ? "am" : "pm";
                    case "mm" -> String.format(Locale.ROOT, "%02d", time.getMinute());
                    case "m" -> String.valueOf(time.getMinute());
                    case "ss" -> String.format(Locale.ROOT, "%02d", time.getSecond());
                    case "s" -> String.valueOf(time.getSecond());
                    case "ZZZZZ" -> time.getOffset().equals(ZoneOffset.UTC) ? "+00:00" : time.getOffset().getId();
                    case "ZZZZ" -> time.getOffset().getId().replace(":", "").replace("Z", "+0000");
                    case "Z" -> time.getOffset().equals(ZoneOffset.UTC) ? "Z" : time.getOffset().getId();
                    case "ZZZ" -> time.getOffset().equals(ZoneOffset.UTC) ? "UTC" : time.getOffset().getId();
                    default -> throw new EvaluationException("formatdate() does not know " + token);
                });
                i = j;
            }
            return out.toString();
        }
    }

    /** RFC 4180 CSV with a header row, as csvdecode() reads it. */
    static final class Csv {
        private Csv() {}

        static TfList decode(String text) throws EvaluationException {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    limit(rows.size());
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            TfList result = new TfList();
            if (rows.isEmpty()) {
                return result;
            }
            List<String> header = rows.get(0);
            for (List<String> values : rows.subList(1, rows.size())) {
                if (values.size() != header.size()) {
                    throw new EvaluationException("csvdecode() row has " + values.size() + " fields, the header " + header.size());
                }
                TfObject object = new TfObject();
                for (int i = 0; i < header.size(); i++) {
                    object.put(header.get(i), values.get(i));
                }
                result.add(object);
            }
            return result;
        }
    }

}
