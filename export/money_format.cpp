#include "export/money_format.hpp"

#include <array>
#include <cmath>

#include <fmt/core.h>

namespace bulwark::exporting {

namespace {

struct LocaleInfo {
    std::string_view tag;
    std::string_view group;
    std::string_view decimal;
    bool symbolAfter;
};

// Conventions of the common locales (CLDR's, simplified to one grouping of three digits).
constexpr std::array kLocales{
    LocaleInfo{"en-US", ",", ".", false}, LocaleInfo{"en-GB", ",", ".", false},
    LocaleInfo{"en-IE", ",", ".", false}, LocaleInfo{"en-CA", ",", ".", false},
    LocaleInfo{"en-AU", ",", ".", false}, LocaleInfo{"en-IN", ",", ".", false},
    LocaleInfo{"en", ",", ".", false},
    LocaleInfo{"de-CH", "\xE2\x80\x99", ".", false},  // right single quotation mark
    LocaleInfo{"de", ".", ",", true},    LocaleInfo{"fr-CH", "\xE2\x80\xAF", ",", true},
    LocaleInfo{"fr", "\xE2\x80\xAF", ",", true},  // narrow no-break space
    LocaleInfo{"es", ".", ",", true},    LocaleInfo{"it", ".", ",", true},
    LocaleInfo{"pt-BR", ".", ",", false}, LocaleInfo{"pt", "\xC2\xA0", ",", true},
    LocaleInfo{"nl", ".", ",", false},   LocaleInfo{"sv", "\xC2\xA0", ",", true},
    LocaleInfo{"fi", "\xC2\xA0", ",", true}, LocaleInfo{"nb", "\xC2\xA0", ",", true},
    LocaleInfo{"da", ".", ",", true},    LocaleInfo{"pl", "\xC2\xA0", ",", true},
    LocaleInfo{"cs", "\xC2\xA0", ",", true}, LocaleInfo{"ja", ",", ".", false},
    LocaleInfo{"zh", ",", ".", false},   LocaleInfo{"ko", ",", ".", false},
};

struct CurrencyInfo {
    std::string_view code;
    std::string_view symbol;  // empty: print the code
};
constexpr std::array kCurrencies{
    CurrencyInfo{"USD", "$"},  CurrencyInfo{"EUR", "\xE2\x82\xAC"}, CurrencyInfo{"GBP", "\xC2\xA3"},
    CurrencyInfo{"JPY", "\xC2\xA5"}, CurrencyInfo{"CNY", "\xC2\xA5"}, CurrencyInfo{"INR", "\xE2\x82\xB9"},
    CurrencyInfo{"KRW", "\xE2\x82\xA9"}, CurrencyInfo{"CAD", "CA$"}, CurrencyInfo{"AUD", "A$"},
    CurrencyInfo{"BRL", "R$"},
};

const LocaleInfo* findLocale(std::string_view tag) {
    for (const auto& l : kLocales)
        if (l.tag == tag) return &l;
    return nullptr;
}

// "1234567" -> "1,234,567" with the given separator.
std::string groupDigits(std::string_view digits, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

std::string withSymbol(std::string amount, bool negative, const NumberFormat& f) {
    std::string sign = negative ? "-" : "";
    std::string space = f.spaceWithSymbol ? "\xC2\xA0" : "";  // no-break space keeps symbol and amount together
    if (f.symbolAfter) return sign + amount + space + f.symbol;
    return sign + f.symbol + space + amount;
}

}  // namespace

NumberFormat numberFormatFor(std::string_view currency, std::string_view locale) {
    NumberFormat f;
    const LocaleInfo* info = findLocale(locale);
    if (!info) info = findLocale(locale.substr(0, locale.find_first_of("-_")));
    if (!info) info = &kLocales[0];
    f.group = info->group;
    f.decimal = info->decimal;
    f.symbolAfter = info->symbolAfter;
    f.currency = currency.empty() ? "USD" : std::string(currency);
    f.symbol = f.currency;
    bool known = false;
    for (const auto& c : kCurrencies)
        if (c.code == f.currency) {
            f.symbol = c.symbol;
            known = true;
        }
    // Codes and multi-letter symbols read better with a space; single symbols after the amount too.
    f.spaceWithSymbol = !known || f.symbolAfter;
    return f;
}

std::string formatNumber(double v, int decimals, const NumberFormat& f) {
    if (std::isnan(v)) return "n/a";
    if (std::isinf(v)) return v > 0 ? "\xE2\x88\x9E" : "-\xE2\x88\x9E";
    decimals = decimals < 0 ? 0 : (decimals > 9 ? 9 : decimals);
    std::string text = fmt::format("{:.{}f}", std::fabs(v), decimals);
    bool negative = v < 0 && text.find_first_not_of("0.") != std::string::npos;
    std::string intPart = text.substr(0, text.find('.'));
    std::string out = groupDigits(intPart, f.group);
    if (decimals > 0) out += f.decimal + text.substr(text.find('.') + 1);
    return (negative ? "-" : "") + out;
}

std::string formatMoney(double v, const NumberFormat& f) {
    if (!std::isfinite(v)) return formatNumber(v, 0, f);
    std::string amount = formatNumber(std::fabs(v), f.moneyDecimals, f);
    bool negative = v < 0 && amount.find_first_not_of("0.,") != std::string::npos;
    return withSymbol(amount, negative, f);
}

std::string formatMoneyShort(double v, const NumberFormat& f) {
    if (!std::isfinite(v)) return formatNumber(v, 0, f);
    const double a = std::fabs(v);
    std::string amount;
    auto scaled = [&](double div, std::string_view suffix) {
        double x = a / div;
        int decimals = x < 9.95 ? 1 : 0;
        std::string t = formatNumber(x, decimals, f);
        // "2.0M" reads as noise: drop a trailing zero decimal.
        std::string zero = f.decimal + "0";
        if (t.size() > zero.size() && t.ends_with(zero)) t.resize(t.size() - zero.size());
        return t + std::string(suffix);
    };
    if (a >= 1e9) amount = scaled(1e9, "B");
    else if (a >= 1e6) amount = scaled(1e6, "M");
    else if (a >= 1e3) amount = scaled(1e3, "k");
    else amount = formatNumber(a, 0, f);
    return withSymbol(amount, v < 0 && a >= 0.5, f);
}

std::string formatPercent(double fraction, int decimals, const NumberFormat& f) {
    if (!std::isfinite(fraction)) return formatNumber(fraction, 0, f);
    return formatNumber(fraction * 100.0, decimals, f) + "%";
}

}  // namespace bulwark::exporting
