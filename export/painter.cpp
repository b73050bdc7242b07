#include "export/painter.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/core.h>

#include "export/text_escape.hpp"

namespace bulwark::exporting {

namespace {

// Vertical metrics of the UI face (Inter), in ems. Fixed numbers, so SVG and cairo place baselines alike.
constexpr double kCapHeight = 0.727;
constexpr double kDescent = 0.242;

// A 1x1 image surface for text measurement, one per thread (cairo contexts are not shareable).
class Measurer {
public:
    Measurer() {
        m_surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
        m_cr = cairo_create(m_surface);
    }
    ~Measurer() {
        cairo_destroy(m_cr);
        cairo_surface_destroy(m_surface);
    }
    Measurer(const Measurer&) = delete;
    Measurer& operator=(const Measurer&) = delete;

    double width(std::string_view utf8, const Font& f) {
        if (utf8.empty()) return 0.0;
        std::string s = sanitizeUtf8(utf8);
        cairo_select_font_face(m_cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                               f.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(m_cr, f.size);
        cairo_text_extents_t e;
        cairo_text_extents(m_cr, s.c_str(), &e);
        return e.x_advance;
    }

private:
    cairo_surface_t* m_surface = nullptr;
    cairo_t* m_cr = nullptr;
};

Measurer& measurer() {
    thread_local Measurer m;
    return m;
}

double baselineY(double y, const Font& f, VAlign v) {
    switch (v) {
        case VAlign::Top: return y + kCapHeight * f.size;
        case VAlign::Middle: return y + kCapHeight * f.size / 2.0;
        case VAlign::Bottom: return y - kDescent * f.size;
        case VAlign::Baseline: break;
    }
    return y;
}

std::string fillAttr(std::optional<Colour> c) {
    if (!c) return " fill=\"none\"";
    std::string s = fmt::format(" fill=\"{}\"", c->css());
    if (c->a < 1.0) s += fmt::format(" fill-opacity=\"{}\"", svgNumber(c->a));
    return s;
}

std::string strokeAttr(const Stroke* s) {
    if (!s) return "";
    std::string out = fmt::format(" stroke=\"{}\" stroke-width=\"{}\"", s->colour.css(), svgNumber(s->width));
    if (s->colour.a < 1.0) out += fmt::format(" stroke-opacity=\"{}\"", svgNumber(s->colour.a));
    if (!s->dash.empty()) {
        out += " stroke-dasharray=\"";
        for (std::size_t i = 0; i < s->dash.size(); ++i) out += (i ? " " : "") + svgNumber(s->dash[i]);
        out += "\"";
    }
    return out;
}

std::string points(std::span<const Pt> pts) {
    std::string out;
    for (const Pt& p : pts) {
        if (!out.empty()) out += ' ';
        out += svgNumber(p.x) + "," + svgNumber(p.y);
    }
    return out;
}

}  // namespace

Colour Colour::hex(std::uint32_t rgb, double alpha) {
    return Colour{((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0, alpha};
}

std::string Colour::css() const {
    auto c = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); };
    return fmt::format("#{:02x}{:02x}{:02x}", c(r), c(g), c(b));
}

std::string svgNumber(double v) {
    if (!std::isfinite(v)) return "0";
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

// ---- measurement

double Painter::textWidth(std::string_view utf8, const Font& f) const { return measurer().width(utf8, f); }
double Painter::ascent(const Font& f) const { return kCapHeight * f.size; }
double Painter::descent(const Font& f) const { return kDescent * f.size; }

std::string Painter::elide(std::string_view utf8, const Font& f, double maxWidth) const {
    std::string s = sanitizeUtf8(utf8);
    if (textWidth(s, f) <= maxWidth) return s;
    const std::string ellipsis = "\xE2\x80\xA6";
    while (!s.empty()) {
        // Drop one UTF-8 character from the end.
        std::size_t cut = s.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        s.resize(cut);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        if (textWidth(s + ellipsis, f) <= maxWidth) return s + ellipsis;
    }
    return textWidth(ellipsis, f) <= maxWidth ? ellipsis : "";
}

std::vector<std::string> Painter::wrap(std::string_view utf8, const Font& f, double maxWidth) const {
    std::vector<std::string> lines;
    std::string clean = sanitizeUtf8(utf8);
    std::size_t start = 0;
    while (start <= clean.size()) {  // paragraph by paragraph (explicit newlines)
        std::size_t nl = clean.find('\n', start);
        std::string_view para(clean.data() + start, (nl == std::string::npos ? clean.size() : nl) - start);
        std::string line;
        std::size_t i = 0;
        while (i < para.size()) {
            while (i < para.size() && (para[i] == ' ' || para[i] == '\t' || para[i] == '\r')) ++i;
            std::size_t j = i;
            while (j < para.size() && para[j] != ' ' && para[j] != '\t' && para[j] != '\r') ++j;
            if (j == i) break;
            std::string word(para.substr(i, j - i));
            std::string candidate = line.empty() ? word : line + " " + word;
            if (textWidth(candidate, f) <= maxWidth) {
                line = std::move(candidate);
            } else {
                if (!line.empty()) lines.push_back(line);
                line = textWidth(word, f) <= maxWidth ? word : elide(word, f, maxWidth);
            }
            i = j;
        }
        lines.push_back(line);
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    while (lines.size() > 1 && lines.back().empty()) lines.pop_back();
    return lines;
}

// ---- cairo

void CairoPainter::applyStroke(const Stroke& s) {
    cairo_set_source_rgba(m_cr, s.colour.r, s.colour.g, s.colour.b, s.colour.a);
    cairo_set_line_width(m_cr, s.width);
    cairo_set_dash(m_cr, s.dash.empty() ? nullptr : s.dash.data(), static_cast<int>(s.dash.size()), 0.0);
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_BUTT);
}

void CairoPainter::rect(const Box& b, std::optional<Colour> fill, const Stroke* stroke, double radius) {
    cairo_new_path(m_cr);
    if (radius > 0.0) {
        double r = std::min(radius, std::min(b.w, b.h) / 2.0);
        const double pi = std::numbers::pi;
        cairo_arc(m_cr, b.x + b.w - r, b.y + r, r, -pi / 2, 0);
        cairo_arc(m_cr, b.x + b.w - r, b.y + b.h - r, r, 0, pi / 2);
        cairo_arc(m_cr, b.x + r, b.y + b.h - r, r, pi / 2, pi);
        cairo_arc(m_cr, b.x + r, b.y + r, r, pi, 3 * pi / 2);
        cairo_close_path(m_cr);
    } else {
        cairo_rectangle(m_cr, b.x, b.y, b.w, b.h);
    }
    if (fill) {
        cairo_set_source_rgba(m_cr, fill->r, fill->g, fill->b, fill->a);
        stroke ? cairo_fill_preserve(m_cr) : cairo_fill(m_cr);
    }
    if (stroke) {
        applyStroke(*stroke);
        cairo_stroke(m_cr);
    }
    cairo_new_path(m_cr);
}

void CairoPainter::line(Pt a, Pt b, const Stroke& s) {
    const Pt pts[] = {a, b};
    polyline(pts, s);
}

void CairoPainter::polyline(std::span<const Pt> pts, const Stroke& s) {
    if (pts.size() < 2) return;
    cairo_new_path(m_cr);
    cairo_move_to(m_cr, pts[0].x, pts[0].y);
    for (std::size_t i = 1; i < pts.size(); ++i) cairo_line_to(m_cr, pts[i].x, pts[i].y);
    applyStroke(s);
    cairo_stroke(m_cr);
}

void CairoPainter::polygon(std::span<const Pt> pts, std::optional<Colour> fill, const Stroke* stroke) {
    if (pts.size() < 3) return;
    cairo_new_path(m_cr);
    cairo_move_to(m_cr, pts[0].x, pts[0].y);
    for (std::size_t i = 1; i < pts.size(); ++i) cairo_line_to(m_cr, pts[i].x, pts[i].y);
    cairo_close_path(m_cr);
    if (fill) {
        cairo_set_source_rgba(m_cr, fill->r, fill->g, fill->b, fill->a);
        stroke ? cairo_fill_preserve(m_cr) : cairo_fill(m_cr);
    }
    if (stroke) {
        applyStroke(*stroke);
        cairo_stroke(m_cr);
    }
    cairo_new_path(m_cr);
}

void CairoPainter::circle(Pt c, double r, std::optional<Colour> fill, const Stroke* stroke) {
    cairo_new_path(m_cr);
    cairo_arc(m_cr, c.x, c.y, r, 0, 2 * std::numbers::pi);
    if (fill) {
        cairo_set_source_rgba(m_cr, fill->r, fill->g, fill->b, fill->a);
        stroke ? cairo_fill_preserve(m_cr) : cairo_fill(m_cr);
    }
    if (stroke) {
        applyStroke(*stroke);
        cairo_stroke(m_cr);
    }
    cairo_new_path(m_cr);
}

void CairoPainter::text(Pt at, std::string_view utf8, const Font& f, Colour c, HAlign h, VAlign v, double angle) {
    std::string s = sanitizeUtf8(utf8);
    for (char& ch : s)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (s.empty()) return;
    cairo_save(m_cr);
    cairo_select_font_face(m_cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                           f.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(m_cr, f.size);
    cairo_set_source_rgba(m_cr, c.r, c.g, c.b, c.a);
    cairo_translate(m_cr, at.x, at.y);
    if (angle != 0.0) cairo_rotate(m_cr, -angle * std::numbers::pi / 180.0);
    double w = textWidth(s, f);
    double x = h == HAlign::Left ? 0.0 : (h == HAlign::Centre ? -w / 2.0 : -w);
    cairo_move_to(m_cr, x, baselineY(0.0, f, v));
    cairo_show_text(m_cr, s.c_str());
    cairo_restore(m_cr);
}

void CairoPainter::pushClip(const Box& b) {
    cairo_save(m_cr);
    cairo_rectangle(m_cr, b.x, b.y, b.w, b.h);
    cairo_clip(m_cr);
}

void CairoPainter::popClip() { cairo_restore(m_cr); }

// ---- SVG

void SvgPainter::rect(const Box& b, std::optional<Colour> fill, const Stroke* stroke, double radius) {
    m_body += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", svgNumber(b.x), svgNumber(b.y),
                          svgNumber(std::max(0.0, b.w)), svgNumber(std::max(0.0, b.h)));
    if (radius > 0.0) m_body += fmt::format(" rx=\"{}\"", svgNumber(radius));
    m_body += fillAttr(fill) + strokeAttr(stroke) + "/>\n";
}

void SvgPainter::line(Pt a, Pt b, const Stroke& s) {
    m_body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>\n", svgNumber(a.x), svgNumber(a.y),
                          svgNumber(b.x), svgNumber(b.y), strokeAttr(&s));
}

void SvgPainter::polyline(std::span<const Pt> pts, const Stroke& s) {
    if (pts.size() < 2) return;
    m_body += fmt::format("<polyline points=\"{}\" fill=\"none\"{} stroke-linejoin=\"round\"/>\n", points(pts),
                          strokeAttr(&s));
}

void SvgPainter::polygon(std::span<const Pt> pts, std::optional<Colour> fill, const Stroke* stroke) {
    if (pts.size() < 3) return;
    m_body += fmt::format("<polygon points=\"{}\"{}{}/>\n", points(pts), fillAttr(fill), strokeAttr(stroke));
}

void SvgPainter::circle(Pt c, double r, std::optional<Colour> fill, const Stroke* stroke) {
    m_body += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>\n", svgNumber(c.x), svgNumber(c.y), svgNumber(r),
                          fillAttr(fill), strokeAttr(stroke));
}

void SvgPainter::text(Pt at, std::string_view utf8, const Font& f, Colour c, HAlign h, VAlign v, double angle) {
    std::string s = sanitizeUtf8(utf8);
    for (char& ch : s)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (s.empty()) return;
    const char* anchor = h == HAlign::Left ? "start" : (h == HAlign::Centre ? "middle" : "end");
    std::string transform;
    double y = at.y;
    if (angle != 0.0) {
        transform = fmt::format(" transform=\"rotate({} {} {})\"", svgNumber(-angle), svgNumber(at.x), svgNumber(at.y));
    }
    y = baselineY(at.y, f, v);
    m_body += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\"{} text-anchor=\"{}\"{}{}>{}</text>\n",
                          svgNumber(at.x), svgNumber(y), svgNumber(f.size), f.bold ? " font-weight=\"bold\"" : "",
                          anchor, fillAttr(c), transform, escapeXml(s));
}

void SvgPainter::pushClip(const Box& b) {
    std::string id = fmt::format("{}-clip{}", m_idPrefix, ++m_clipCount);
    m_body += fmt::format("<clipPath id=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n<g "
                          "clip-path=\"url(#{})\">\n",
                          id, svgNumber(b.x), svgNumber(b.y), svgNumber(b.w), svgNumber(b.h), id);
    ++m_openClips;
}

void SvgPainter::popClip() {
    if (m_openClips == 0) return;
    --m_openClips;
    m_body += "</g>\n";
}

void SvgPainter::beginGroup(std::string_view title) {
    m_body += "<g><title>" + escapeXml(title) + "</title>\n";
}

void SvgPainter::endGroup() { m_body += "</g>\n"; }

std::string SvgPainter::svg(std::string_view title, bool standalone) const {
    std::string out;
    if (standalone) out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" "
        "aria-label=\"{}\" font-family=\"{}\">\n<title>{}</title>\n",
        svgNumber(m_width), svgNumber(m_height), svgNumber(m_width), svgNumber(m_height), escapeXml(title),
        escapeXml(kCssFontStack), escapeXml(title));
    out += m_body;
    for (int i = 0; i < m_openClips; ++i) out += "</g>\n";
    out += "</svg>\n";
    return out;
}

}  // namespace bulwark::exporting
