package dev.opsuite.l10n.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QaCheckerTest {

    private static String verdict(String src, String dst, String locale, String check) {
        return QaChecker.check(src, dst, locale, List.of()).toJson().path(check).asText();
    }

    @Test
    void reorderingPlaceholdersWithIndicesPassesAndDroppingOneFails() {
        assertEquals("pass", verdict("%s killed %s", "%2$s 被 %1$s 杀死了", "zh_cn", QaChecker.PLACEHOLDER));
        assertEquals("fail", verdict("%s killed %s", "%1$s 死了", "zh_cn", QaChecker.PLACEHOLDER));
        assertEquals("pass", verdict("100%% done: %s", "已完成 100%%：%s", "zh_cn", QaChecker.PLACEHOLDER));
        assertEquals("fail", verdict("%1$s and %2$s", "%1$s und %1$s", "de_de", QaChecker.PLACEHOLDER));
        assertEquals(Set.of(1, 2), Placeholders.analyse("%s %2$s %s").indices());
        assertEquals(List.of("%d"), Placeholders.analyse("Level %d").unsupported());
    }

    @Test
    void sectionCodesMustSurviveAmpersandCodesWarnOnlyWhenTheSourceUsesThem() {
        assertEquals("pass", verdict("§aGreen §lBold", "§l粗体 §a绿色", "zh_cn", QaChecker.FORMAT_CODE));
        assertEquals("fail", verdict("§aGreen", "绿色", "zh_cn", QaChecker.FORMAT_CODE));
        assertEquals("warn", verdict("&aGreen", "绿色", "zh_cn", QaChecker.FORMAT_CODE));
        assertEquals("pass", verdict("Research & development", "研发", "zh_cn", QaChecker.FORMAT_CODE));
    }

    @Test
    void namespacedIdsAreKeptButTimesAndUrlsAreNotIds() {
        assertEquals("fail", verdict("Use minecraft:stone here", "在这里使用石头", "zh_cn", QaChecker.NAMESPACE));
        assertEquals(
                "pass", verdict("Use minecraft:stone here", "在这里使用 minecraft:stone", "zh_cn", QaChecker.NAMESPACE));
        assertEquals(Set.of(), NamespacedIds.find("At 10:30 see https://example.com/x"));
    }

    @Test
    void emptyIdenticalAndLengthChecksKnowTheirExceptions() {
        assertEquals("fail", verdict("Stone", "", "zh_cn", QaChecker.EMPTY));
        assertEquals("pass", verdict("", "", "zh_cn", QaChecker.EMPTY));
        assertEquals("warn", verdict("Stone block", "Stone block", "de_de", QaChecker.IDENTICAL));
        assertEquals("pass", verdict("TNT", "TNT", "de_de", QaChecker.IDENTICAL));
        assertEquals("pass", verdict("%s: %s", "%s: %s", "de_de", QaChecker.IDENTICAL));
        assertEquals("pass", verdict("Stone block", "Stone block", "en_gb", QaChecker.IDENTICAL));
        // Chinese is typically a third of the English length: never a length complaint
        assertEquals(
                "pass",
                verdict("Are you sure you want to delete this world forever?", "永久删除？", "zh_cn", QaChecker.LENGTH));
        assertEquals(
                "warn",
                verdict("Are you sure you want to delete this world forever?", "Ja?", "de_de", QaChecker.LENGTH));
    }

    @Test
    void glossaryTermsMustBeTranslatedAsAgreed() {
        List<GlossaryEntry> g = List.of(new GlossaryEntry("Creeper", "苦力怕", false));
        assertEquals(
                "warn",
                QaChecker.check("A creeper exploded", "一个爬行者爆炸了", "zh_cn", g)
                        .toJson()
                        .path("glossary_check")
                        .asText());
        assertEquals(
                "pass",
                QaChecker.check("A creeper exploded", "一个苦力怕爆炸了", "zh_cn", g)
                        .toJson()
                        .path("glossary_check")
                        .asText());
        assertEquals(
                "pass",
                QaChecker.check("Creepers", "x", "zh_cn", g)
                        .toJson()
                        .path("glossary_check")
                        .asText());
    }
}
