// Money, percentages and plain numbers formatted for a project's currency and locale (thousands separators,
// decimal mark, where the currency symbol goes). A small built-in table, so output does not depend on the
// locales installed on the machine. Pure functions; no I/O, no GUI.
#pragma once

#include <string>
#include <string_view>

namespace bulwark::exporting {

struct NumberFormat {
    std::string currency = "USD";  // ISO 4217 code
    std::string symbol = "$";      // what is printed: "$", "€", "£", or the code when there is no symbol
    bool symbolAfter = false;      // "1.234 €" rather than "€1,234"
    bool spaceWithSymbol = false;  // a space between symbol and amount ("CHF 1,234", "1.234 €")
    std::string group = ",";       // thousands separator (UTF-8: a narrow no-break space for fr-FR)
    std::string decimal = ".";     // decimal mark
    int moneyDecimals = 0;         // decimals of money in tables (estimates are not that precise)
};

// The format for a currency code and a BCP 47 locale tag ("en-US", "de-DE", "fr-FR", ...). Unknown
// locales fall back to their language, then to en-US conventions; unknown currencies print their code.
NumberFormat numberFormatFor(std::string_view currency, std::string_view locale);

// "1,234,567" with `decimals` digits after the decimal mark; NaN gives "n/a", infinities "∞" / "-∞".
std::string formatNumber(double v, int decimals, const NumberFormat& f);

// "$1,234,567" / "1.234.567 €": rounded to moneyDecimals.
std::string formatMoney(double v, const NumberFormat& f);

// Short money for chart axes and tiles: "$950", "$12k", "$1.2M", "$3.4B" (locale decimal mark).
std::string formatMoneyShort(double v, const NumberFormat& f);

// A fraction as a percentage: 0.123 -> "12.3%" with decimals = 1 (locale decimal mark).
std::string formatPercent(double fraction, int decimals, const NumberFormat& f);

}  // namespace bulwark::exporting
