#include "export/money_format.hpp"

#include <cmath>

#include <gtest/gtest.h>

using namespace bulwark::exporting;

TEST(MoneyFormat, UsDollarsUseCommasAndALeadingSymbol) {
    auto f = numberFormatFor("USD", "en-US");
    EXPECT_EQ(formatMoney(1234567.4, f), "$1,234,567");
    EXPECT_EQ(formatMoney(-950.0, f), "-$950");
    EXPECT_EQ(formatMoney(0.0, f), "$0");
    EXPECT_EQ(formatMoneyShort(1234567.0, f), "$1.2M");
    EXPECT_EQ(formatMoneyShort(2000000.0, f), "$2M");
    EXPECT_EQ(formatMoneyShort(12600.0, f), "$13k");
    EXPECT_EQ(formatMoneyShort(3.4e9, f), "$3.4B");
    EXPECT_EQ(formatMoneyShort(950.0, f), "$950");
    EXPECT_EQ(formatPercent(0.1234, 1, f), "12.3%");
}

TEST(MoneyFormat, GermanEurosPutTheSymbolAfterWithDotGrouping) {
    auto f = numberFormatFor("EUR", "de-DE");
    EXPECT_EQ(formatMoney(1234567.0, f), "1.234.567\xC2\xA0\xE2\x82\xAC");
    EXPECT_EQ(formatPercent(0.5, 1, f), "50,0%");
    EXPECT_EQ(formatNumber(1234.5, 2, f), "1.234,50");
    EXPECT_EQ(formatMoneyShort(1500000.0, f), "1,5M\xC2\xA0\xE2\x82\xAC");
}

TEST(MoneyFormat, FrenchUsesNarrowNoBreakSpaces) {
    auto f = numberFormatFor("EUR", "fr-FR");
    EXPECT_EQ(formatNumber(1234567.0, 0, f), "1\xE2\x80\xAF" "234\xE2\x80\xAF" "567");
}

TEST(MoneyFormat, UnknownLocaleFallsBackToItsLanguageThenToEnglish) {
    EXPECT_EQ(numberFormatFor("EUR", "de-AT").decimal, ",");
    EXPECT_EQ(numberFormatFor("GBP", "xx-YY").group, ",");
    EXPECT_EQ(formatMoney(1000.0, numberFormatFor("GBP", "en-GB")), "\xC2\xA3" "1,000");
}

TEST(MoneyFormat, UnknownCurrencyPrintsItsCode) {
    auto f = numberFormatFor("SEK", "en-US");
    EXPECT_EQ(formatMoney(2500.0, f), "SEK\xC2\xA0" "2,500");
}

TEST(MoneyFormat, NonFiniteValuesAreNamed) {
    auto f = numberFormatFor("USD", "en-US");
    EXPECT_EQ(formatNumber(std::nan(""), 0, f), "n/a");
    EXPECT_EQ(formatMoney(INFINITY, f), "\xE2\x88\x9E");
}
