package io.crmkit.bench.dedup;

import com.ibm.icu.text.Transliterator;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.DuplicateSettings;
import io.crmkit.core.dedup.NameMatcher;
import io.crmkit.dedup.icu.IcuNameMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generated customers with seeded duplicates, the same for a seed: Chinese names (a surname and one or two given
 * characters, so that equal names occur by chance as they do in life), a unique email, phone and (for half) ERP
 * reference each, a city among 300. One original in ten gets a copy that is the same customer written another
 * way: its email in other case with the name in traditional characters (40%), its phone with the name in pinyin
 * (30%, written "Zhang Wei"), its name in the same city and nothing else (20%), or its ERP reference with other punctuation (10%).
 */
final class DuplicateData {
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉建国文宁斌波宇浩凯健俊帆婷雪琳晨欣怡佳子涵梓轩一诺";
    /** Simplified to traditional for the characters above that have a traditional form. */
    private static final String SIMPLIFIED = "张刘陈杨黄赵吴郑梁谢许韩冯邓肖董袁潘蒋苏吕沈卢钟谭陆汪范贾韦邹熊闫贺顾龚万钱严伟丽军洋艳杰涛刚华萍红鹏飞辉建国宁斌波俊帆婷琳晨欣佳涵轩诺";
    private static final String TRADITIONAL = "張劉陳楊黃趙吳鄭梁謝許韓馮鄧肖董袁潘蔣蘇呂沈盧鍾譚陸汪范賈韋鄒熊閆賀顧龔萬錢嚴偉麗軍洋艷傑濤剛華萍紅鵬飛輝建國寧斌波俊帆婷琳晨欣佳涵軒諾";

    private static final Transliterator PINYIN = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");

    private static final java.util.Map<Character, String> SYLLABLES = new java.util.HashMap<>();

    final List<Customer> customers;
    /** Each seeded pair: the original's index and its copy's index in {@link #customers}. */
    final Set<Long> seeded;

    private DuplicateData(List<Customer> customers, Set<Long> seeded) {
        this.customers = customers;
        this.seeded = seeded;
    }

    static DuplicateData generate(int originals, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Customer> all = new ArrayList<>(originals + originals / 10);
        List<int[]> pairs = new ArrayList<>();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < originals; i++) {
            String name = name(random);
            String city = "城市" + random.nextInt(300);
            Customer.Builder b = base(all.size(), name, now)
                    .emails(List.of(EmailAddress.of("user" + i + "@example.com")))
                    .phones(List.of(new PhoneNumber("+86138" + String.format(Locale.ROOT, "%08d", i))))
                    .addresses(List.of(new PostalAddress("", city, Optional.empty(), Optional.empty(), Optional.empty())));
            if (i % 2 == 0) {
                b.externalRefs(List.of(ExternalRef.of("erp", "ERP-" + i)));
            }
            Customer original = b.build();
            all.add(original);
            if (random.nextInt(10) == 0) {
                int kind = random.nextInt(10);
                Customer.Builder copy;
                if (kind < 4) {
                    copy = base(all.size(), traditional(name), now)
                            .emails(List.of(EmailAddress.of("USER" + i + "@Example.com")));
                } else if (kind < 7) {
                    copy = base(all.size(), pinyin(name), now).phones(original.phones());
                } else if (kind < 9) {
                    copy = base(all.size(), name, now).addresses(original.addresses());
                } else {
                    copy = base(all.size(), name + "先生", now)
                            .externalRefs(List.of(ExternalRef.of("erp", "erp " + i + (i % 2 == 0 ? "" : "."))));
                    if (i % 2 != 0) { // an odd original had no reference: give it one to be matched
                        all.set(all.size() - 1, original = original.toBuilder()
                                .externalRefs(List.of(ExternalRef.of("erp", "ERP-" + i))).build());
                    }
                }
                pairs.add(new int[] {all.size() - 1, all.size()});
                all.add(copy.build());
            }
        }
        Set<Long> seeded = new HashSet<>();
        for (int[] p : pairs) {
            seeded.add(key(all.get(p[0]).id(), all.get(p[1]).id()));
        }
        return new DuplicateData(all, seeded);
    }

    /** The key of a pair of generated ids, whichever comes first. */
    static long key(CustomerId a, CustomerId b) {
        long x = a.value().getLeastSignificantBits();
        long y = b.value().getLeastSignificantBits();
        return Math.min(x, y) << 32 | Math.max(x, y);
    }

    /** Whether a candidate is a seeded pair. */
    boolean isSeeded(DuplicateCandidate c) {
        return seeded.contains(key(c.first(), c.second()));
    }

    private static Customer.Builder base(int index, String name, Instant now) {
        return Customer.builder().id(new CustomerId(new UUID(0x0190_0000_0000_7000L, index))).kind(CustomerKind.PERSON)
                .displayName(name).stage(LifecycleStage.LEAD).createdAt(now).updatedAt(now).version(1);
    }

    private static String name(SplittableRandom random) {
        StringBuilder b = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = 1 + random.nextInt(2);
        for (int k = 0; k < given; k++) {
            b.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return b.toString();
    }

    private static String traditional(String name) {
        StringBuilder b = new StringBuilder();
        name.chars().forEach(ch -> {
            int at = SIMPLIFIED.indexOf(ch);
            b.append(at < 0 ? (char) ch : TRADITIONAL.charAt(at));
        });
        return b.toString();
    }

    /** The name in pinyin as people write it in Latin letters: "Zhang Wei" (ICU's Han-Latin, tones dropped). */
    private static String pinyin(String name) {
        String surname = syllable(name.charAt(0));
        StringBuilder given = new StringBuilder();
        for (int i = 1; i < name.length(); i++) {
            given.append(syllable(name.charAt(i)));
        }
        return capital(surname) + " " + capital(given.toString());
    }

    private static String syllable(char ch) {
        return SYLLABLES.computeIfAbsent(ch, c -> PINYIN.transliterate(String.valueOf(c)).strip());
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The duplicate settings with the matcher named {@code icu} (crm-dedup-icu) or {@code standard} (crm-core). */
    static DuplicateSettings settings(String matcher) {
        NameMatcher names = switch (matcher) {
            case "icu" -> IcuNameMatcher.create();
            case "standard" -> NameMatcher.standard();
            default -> throw new IllegalArgumentException("matcher is icu or standard: " + matcher);
        };
        return DuplicateSettings.builder().nameMatcher(names).build();
    }
}
