package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the entities a CRM cares about in English and Chinese text, with their spans, whatever the
 * {@link TextAnalyzer} backend: order numbers (configurable patterns), phone numbers (validated by
 * {@link PhoneNumber#parse}), email addresses ({@link EmailAddress}), amounts of money ({@code ¥1,299.00},
 * {@code 1299元}, {@code $25}, {@code 25 dollars}, {@code 三百元}, {@code 1.5万元}), dates ({@code 2026-03-05},
 * {@code 2026年3月5日}, {@code 3月5日}, {@code March 5, 2026}, and today / yesterday / tomorrow, 今天 / 昨天 /
 * 前天 / 明天 / 后天 relative to a reference date) and product names from the host's dictionary.
 *
 * <pre>{@code
 * CrmEntities entities = CrmEntities.builder().region("CN").products(List.of("小米手环8", "Mi Band 8")).build();
 * List<Entity> found = entities.find("订单号：20260305001 的小米手环8昨天还没到，电话 138 0013 8000", LocalDate.of(2026, 3, 6));
 * // ORDER_NUMBER 20260305001, PRODUCT 小米手环8, DATE 2026-03-05, PHONE +8613800138000
 * }</pre>
 *
 * Where two candidates overlap, the earlier type in this order wins: email, order number, product, phone,
 * money, date; the longer one among the same type. Immutable settings; {@link #addProducts} may run
 * concurrently with {@link #find} (copy on write). Thread-safe.
 */
public final class CrmEntities {
    /** The order-number patterns used when none are configured. */
    public static final List<String> DEFAULT_ORDER_PATTERNS = List.of(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{8,}(?![0-9])",
            "(?:订单号|订单编号|订单|单号)\\s*[:：#]?\\s*([A-Za-z0-9][A-Za-z0-9-]{5,})",
            "(?i)\\border\\s*(?:no\\.?|number|num|id|#)?\\s*[:#]?\\s*([A-Za-z0-9-]*\\d[A-Za-z0-9-]{4,})");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");
    /** Something shaped like a typed phone number: digits with separators, at least 7 digits (checked later). */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![A-Za-z0-9.,/:\\-])(?:[+＋]\\s?)?\\(?\\d[\\d \\-()（）.]{5,18}\\d(?![A-Za-z0-9]|[.,]\\d)");
    private static final String AMOUNT = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final Pattern MONEY_SYMBOL = Pattern.compile(
            "(US\\$|HK\\$|[¥￥$€£]|(?i:RMB|CNY|USD|EUR)(?=\\s?\\d))\\s?" + AMOUNT + "(\\s?万)?");
    /** An amount with a unit; {@code 600多元} ("600-odd yuan") is taken at its lower bound. */
    private static final Pattern MONEY_WORD = Pattern.compile(AMOUNT + "(\\s?万)?(?:多|余)?\\s?"
            + "(元人民币|元钱|元|块钱|块|人民币|美元|美金|欧元|英镑|港币|港元|(?i:rmb|cny|usd|eur|dollars?|bucks|euros?|pounds?|yuan)(?![A-Za-z]))");
    private static final Pattern MONEY_HAN = Pattern.compile("([零〇一二两三四五六七八九十百千万]+)(元|块钱|块|美元)");
    private static final Pattern DATE_ISO = Pattern.compile("(?<!\\d)(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)");
    private static final Pattern DATE_ZH = Pattern.compile("(?:(?<!\\d)(\\d{4}|\\d{2})\\s?年\\s?)?(\\d{1,2})\\s?月\\s?(\\d{1,2})\\s?[日号]");
    private static final Pattern DATE_EN = Pattern.compile("(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b"
            + "|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?(?:,?\\s+(\\d{4}))?\\b");
    private static final Pattern DATE_RELATIVE = Pattern.compile(
            "(?i)\\b(?:the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow|yesterday|today|tomorrow)\\b|大前天|前天|昨天|昨日|今天|今日|明天|后天");
    private static final Map<String, Integer> RELATIVE = Map.ofEntries(
            Map.entry("the day before yesterday", -2), Map.entry("the day after tomorrow", 2),
            Map.entry("yesterday", -1), Map.entry("today", 0), Map.entry("tomorrow", 1),
            Map.entry("大前天", -3), Map.entry("前天", -2), Map.entry("昨天", -1), Map.entry("昨日", -1),
            Map.entry("今天", 0), Map.entry("今日", 0), Map.entry("明天", 1), Map.entry("后天", 2));
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    private final List<Pattern> orderPatterns;
    private final String region;
    private volatile ProductNames products;

    private CrmEntities(Builder b) {
        this.orderPatterns = List.copyOf(b.patterns);
        this.region = b.region;
        this.products = ProductNames.EMPTY.plus(b.products);
    }

    /** A builder: default order patterns, region CN, no products. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: {@link #DEFAULT_ORDER_PATTERNS}, phone numbers read as Chinese when national, no products. */
    public static CrmEntities standard() {
        return builder().build();
    }

    /**
     * Adds product names (case-insensitive, matched as whole words in Latin script). Thread-safe.
     *
     * @throws ValidationException naming field {@code product} for a blank name or one over 100 chars
     */
    public synchronized void addProducts(Collection<String> names) {
        products = products.plus(checkProducts(names));
    }

    /**
     * The CRM entities of a text, ordered by start, not overlapping.
     *
     * @param reference the day relative dates count from ("yesterday" is the day before), usually the day the
     *                  text was written, in the writer's zone
     * @throws ValidationException naming field {@code text} for more than {@link TextAnalyzer#MAX_LENGTH} chars
     */
    public List<Entity> find(String text, LocalDate reference) {
        TextAnalyzer.checkText(text);
        Objects.requireNonNull(reference, "reference");
        // Full-width digits and letters (２０９元, ＳＯ１２３) read as ASCII; one char for one, so spans still fit text.
        String folded = foldFullWidth(text);
        List<Entity> candidates = new ArrayList<>();
        emails(folded, candidates);
        orders(folded, candidates);
        products.find(folded, candidates);
        phones(folded, candidates);
        money(folded, candidates);
        dates(folded, reference, candidates);
        List<Entity> found = resolve(candidates, List.of());
        if (folded.equals(text)) {
            return found;
        }
        return found.stream().map(e -> new Entity(e.type(), e.start(), e.end(), text.substring(e.start(), e.end()),
                e.value())).toList();
    }

    /** U+FF10-FF19, FF21-FF3A and FF41-FF5A as their ASCII digits and letters; punctuation stays (：after 电话 is not a time). */
    static String foldFullWidth(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c - ('０' - '0'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** A year as written: four digits, or two ({@code 07年}) in the century that puts it at most 10 years ahead. */
    private static int year(String digits, LocalDate reference) {
        int y = parse(digits);
        if (digits.length() == 4) {
            return y;
        }
        int candidate = reference.getYear() / 100 * 100 + y;
        return candidate > reference.getYear() + 10 ? candidate - 100 : candidate;
    }

    /**
     * The CRM entities of an analysed text together with those its backend found (persons, places and
     * organisations with HanLP), ordered by start, not overlapping; a CRM entity wins over a backend one it
     * overlaps.
     */
    public List<Entity> find(Analysis analysis, LocalDate reference) {
        Objects.requireNonNull(analysis, "analysis");
        List<Entity> crm = find(analysis.text(), reference);
        return resolve(crm, analysis.entities());
    }

    private static List<Entity> resolve(List<Entity> candidates, List<Entity> weaker) {
        List<Entity> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((Entity e) -> rank(e.type()))
                .thenComparing(Comparator.comparingInt((Entity e) -> e.end() - e.start()).reversed())
                .thenComparingInt(Entity::start));
        List<Entity> kept = new ArrayList<>();
        for (List<Entity> group : List.of(sorted, weaker)) {
            for (Entity e : group) {
                boolean free = true;
                for (Entity k : kept) {
                    if (k.overlaps(e)) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    kept.add(e);
                }
            }
        }
        kept.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(kept);
    }

    private static int rank(EntityType t) {
        return switch (t) {
            case EMAIL -> 0;
            case ORDER_NUMBER -> 1;
            case PRODUCT -> 2;
            case PHONE -> 3;
            case MONEY -> 4;
            case DATE -> 5;
            default -> 6;
        };
    }

    private static void emails(String text, List<Entity> out) {
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            try {
                out.add(new Entity(EntityType.EMAIL, m.start(), m.end(), m.group(), EmailAddress.of(m.group()).value()));
            } catch (ValidationException e) {
                // shaped like an address but not one: not an entity
            }
        }
    }

    private void orders(String text, List<Entity> out) {
        for (Pattern p : orderPatterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                int g = m.groupCount() >= 1 && m.group(1) != null ? 1 : 0;
                String number = m.group(g);
                if (number != null && !number.isEmpty()) {
                    out.add(new Entity(EntityType.ORDER_NUMBER, m.start(g), m.end(g), number, number));
                }
            }
        }
    }

    private void phones(String text, List<Entity> out) {
        Matcher m = PHONE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int start = m.start();
            int end = m.end();
            String raw = m.group();
            // an unbalanced bracket at either end belongs to the sentence, not the number
            while (end > start && (text.charAt(end - 1) == ')' || text.charAt(end - 1) == '）')
                    && count(raw, '(', '（') < count(raw, ')', '）')) {
                end--;
                raw = text.substring(start, end);
            }
            if (raw.startsWith("(") && count(raw, '(', '（') > count(raw, ')', '）')) {
                start++;
            }
            Entity phone = phone(text, start, end);
            out.addAll(phone == null ? List.of() : List.of(phone));
            from = phone == null ? m.end() : phone.end();
        }
    }

    /**
     * The phone number of the candidate, or of its longest prefix that ends before a space (two numbers
     * written one after the other), or null.
     */
    private @Nullable Entity phone(String text, int start, int end) {
        for (int e = end; e - start >= 7; e--) {
            if (e < end && !(text.charAt(e) == ' ' && Character.isDigit(text.charAt(e - 1)))) {
                continue;
            }
            String raw = text.substring(start, e);
            if (digits(raw) < 7 || DATE_ISO.matcher(raw).find()) {
                continue;
            }
            try {
                return new Entity(EntityType.PHONE, start, e, raw, PhoneNumber.parse(raw, region).value());
            } catch (ValidationException invalid) {
                // digits, but no valid number of the plan: try a shorter one
            }
        }
        return null;
    }

    private static int count(String s, char a, char b) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == a || s.charAt(i) == b ? 1 : 0;
        }
        return n;
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += Character.isDigit(s.charAt(i)) ? 1 : 0;
        }
        return n;
    }

    private static void money(String text, List<Entity> out) {
        Matcher m = MONEY_SYMBOL.matcher(text);
        while (m.find()) {
            String currency = switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "$", "US$", "USD" -> "USD";
                case "HK$" -> "HKD";
                case "€", "EUR" -> "EUR";
                case "£" -> "GBP";
                default -> "CNY";
            };
            addMoney(out, m, currency, amount(m.group(2), m.group(3) != null));
        }
        m = MONEY_WORD.matcher(text);
        while (m.find()) {
            String unit = m.group(3).toLowerCase(Locale.ROOT);
            String currency = switch (unit) {
                case "美元", "美金", "usd", "dollar", "dollars", "bucks" -> "USD";
                case "欧元", "eur", "euro", "euros" -> "EUR";
                case "英镑", "pound", "pounds" -> "GBP";
                case "港币", "港元" -> "HKD";
                default -> "CNY";
            };
            addMoney(out, m, currency, amount(m.group(1), m.group(2) != null));
        }
        m = MONEY_HAN.matcher(text);
        while (m.find()) {
            long value = ChineseNumerals.parse(m.group(1));
            if (value > 0) {
                addMoney(out, m, m.group(2).equals("美元") ? "USD" : "CNY", BigDecimal.valueOf(value));
            }
        }
    }

    private static void addMoney(List<Entity> out, Matcher m, String currency, BigDecimal amount) {
        out.add(new Entity(EntityType.MONEY, m.start(), m.end(), m.group(), currency + " " + amount.toPlainString()));
    }

    private static BigDecimal amount(String digits, boolean tenThousands) {
        BigDecimal v = new BigDecimal(digits.replace(",", ""));
        if (!tenThousands) {
            return v;
        }
        BigDecimal w = v.multiply(BigDecimal.valueOf(10_000)).stripTrailingZeros();
        return w.scale() < 0 ? w.setScale(0) : w;
    }

    private static void dates(String text, LocalDate reference, List<Entity> out) {
        Matcher m = DATE_ISO.matcher(text);
        while (m.find()) {
            date(out, m, parse(m.group(1)), parse(m.group(3)), parse(m.group(4)));
        }
        m = DATE_ZH.matcher(text);
        while (m.find()) {
            int year = m.group(1) == null ? reference.getYear() : year(m.group(1), reference);
            date(out, m, year, parse(m.group(2)), parse(m.group(3)));
        }
        m = DATE_EN.matcher(text);
        while (m.find()) {
            boolean monthFirst = m.group(1) != null;
            String month = (monthFirst ? m.group(1) : m.group(5)).toLowerCase(Locale.ROOT).substring(0, 3);
            String day = monthFirst ? m.group(2) : m.group(4);
            String year = monthFirst ? m.group(3) : m.group(6);
            if (!monthFirst || year != null || !month.equals("may")) { // "may 5" alone is too often the verb
                date(out, m, year == null ? reference.getYear() : parse(year), MONTHS.indexOf(month) + 1, parse(day));
            }
        }
        m = DATE_RELATIVE.matcher(text);
        while (m.find()) {
            String key = m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            Integer days = RELATIVE.get(key);
            if (days != null) {
                LocalDate d = reference.plusDays(days);
                out.add(new Entity(EntityType.DATE, m.start(), m.end(), m.group(), d.toString()));
            }
        }
    }

    private static void date(List<Entity> out, Matcher m, int year, int month, int day) {
        try {
            LocalDate d = LocalDate.of(year, month, day);
            out.add(new Entity(EntityType.DATE, m.start(), m.end(), m.group(), d.toString()));
        } catch (DateTimeException e) {
            // 2026-02-30 and the like: not a date
        }
    }

    private static int parse(String digits) {
        return Integer.parseInt(digits);
    }

    private static List<String> checkProducts(Collection<String> names) {
        return Names.check(names, "product", 100);
    }

    /** Settings of {@link CrmEntities}. Fluent, not thread-safe. */
    public static final class Builder {
        private final List<Pattern> patterns = new ArrayList<>();
        private boolean customPatterns;
        private String region = "CN";
        private final List<String> products = new ArrayList<>();

        private Builder() {
            for (String p : DEFAULT_ORDER_PATTERNS) {
                patterns.add(Pattern.compile(p));
            }
        }

        /**
         * Replaces the order-number patterns (Java regular expressions). When a pattern has a capturing
         * group, group 1 is the number and its span; else the whole match. Call repeatedly to add more.
         *
         * @throws ValidationException naming field {@code orderPattern} for a pattern that does not compile
         */
        public Builder orderPattern(String regex) {
            Objects.requireNonNull(regex, "regex");
            if (!customPatterns) {
                patterns.clear();
                customPatterns = true;
            }
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw ValidationException.of("orderPattern", "format", "is not a valid regular expression: "
                        + e.getDescription());
            }
            return this;
        }

        /**
         * The region national phone numbers are read in (ISO 3166 alpha-2), {@code CN} by default.
         *
         * @throws ValidationException naming field {@code region} for one libphonenumber does not know
         */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (!PhoneNumber.knowsRegion(region)) {
                throw ValidationException.of("region", "unknown", "is not a region with a phone numbering plan: " + region);
            }
            this.region = region.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Product names to recognise (more can be added later with {@link CrmEntities#addProducts}). */
        public Builder products(Collection<String> names) {
            products.addAll(checkProducts(names));
            return this;
        }

        /** The entity finder. */
        public CrmEntities build() {
            return new CrmEntities(this);
        }
    }

    /** Product names by their lower-cased form, matched longest first at each position (a map, not a trie). */
    private static final class ProductNames {
        static final ProductNames EMPTY = new ProductNames(Map.of(), 0);
        private final Map<String, String> names;
        private final int longest;
        /** The first chars of the names: most positions of a text start none and are skipped at once. */
        private final java.util.Set<Character> firsts;

        private ProductNames(Map<String, String> names, int longest) {
            this.names = names;
            this.longest = longest;
            java.util.Set<Character> f = new java.util.HashSet<>();
            for (String n : names.keySet()) {
                f.add(n.charAt(0));
            }
            this.firsts = java.util.Set.copyOf(f);
        }

        ProductNames plus(Collection<String> more) {
            Map<String, String> all = new HashMap<>(names);
            int max = longest;
            for (String n : more) {
                all.putIfAbsent(lower(n), n);
                max = Math.max(max, n.length());
            }
            return new ProductNames(Map.copyOf(all), max);
        }

        void find(String text, List<Entity> out) {
            if (names.isEmpty()) {
                return;
            }
            String lower = lower(text);
            int i = 0;
            while (i < text.length()) {
                if (!firsts.contains(lower.charAt(i))
                        || i > 0 && isLatinWordChar(text.charAt(i - 1)) && isLatinWordChar(text.charAt(i))) {
                    i++;
                    continue;
                }
                int found = -1;
                for (int j = Math.min(text.length(), i + longest); j > i; j--) {
                    if (names.containsKey(lower.substring(i, j))
                            && !(j < text.length() && isLatinWordChar(text.charAt(j - 1)) && isLatinWordChar(text.charAt(j)))) {
                        found = j;
                        break;
                    }
                }
                if (found > 0) {
                    String name = names.get(lower.substring(i, found));
                    out.add(new Entity(EntityType.PRODUCT, i, found, text.substring(i, found), Objects.requireNonNull(name)));
                    i = found;
                } else {
                    i++;
                }
            }
        }

        /** Lower case char by char, so offsets stay those of the original. */
        private static String lower(String s) {
            char[] c = s.toCharArray();
            for (int i = 0; i < c.length; i++) {
                c[i] = Character.toLowerCase(c[i]);
            }
            return new String(c);
        }

        private static boolean isLatinWordChar(char c) {
            return c < 0x3000 && Character.isLetterOrDigit(c);
        }
    }
}
