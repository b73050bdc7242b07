// One small drawing abstraction for charts and report pages, with two back ends: cairo (PDF and PNG
// surfaces, vector output) and SVG text (inline in HTML, or standalone files). Text is measured through
// cairo in both, so a chart lays out the same way wherever it goes. Depends on cairo; no GUI.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

typedef struct _cairo cairo_t;

namespace bulwark::exporting {

struct Colour {
    double r = 0.0, g = 0.0, b = 0.0;  // 0..1
    double a = 1.0;
    static Colour hex(std::uint32_t rgb, double alpha = 1.0);
    Colour withAlpha(double alpha) const { return Colour{r, g, b, alpha}; }
    std::string css() const;  // "#1f3a5f"
    bool operator==(const Colour&) const = default;
};

struct Pt {
    double x = 0.0, y = 0.0;
};

struct Box {
    double x = 0.0, y = 0.0, w = 0.0, h = 0.0;
    double right() const { return x + w; }
    double bottom() const { return y + h; }
    Box inset(double l, double t, double r, double b) const { return {x + l, y + t, w - l - r, h - t - b}; }
};

struct Font {
    double size = 10.0;  // points (PDF) or CSS pixels (SVG): one drawing unit each
    bool bold = false;
};

struct Stroke {
    Colour colour;
    double width = 1.0;
    std::vector<double> dash;  // on/off lengths; empty = solid
};

enum class HAlign { Left, Centre, Right };
enum class VAlign { Top, Middle, Baseline, Bottom };

// The font every chart and page uses: Inter when installed, else fontconfig's default sans.
inline constexpr const char* kFontFamily = "Inter";
// The CSS font stack for SVG and HTML (the same face first).
inline constexpr const char* kCssFontStack = "Inter, 'DejaVu Sans', Arial, Helvetica, sans-serif";

class Painter {
public:
    virtual ~Painter() = default;

    virtual void rect(const Box& b, std::optional<Colour> fill, const Stroke* stroke, double radius = 0.0) = 0;
    virtual void line(Pt a, Pt b, const Stroke& s) = 0;
    virtual void polyline(std::span<const Pt> pts, const Stroke& s) = 0;
    virtual void polygon(std::span<const Pt> pts, std::optional<Colour> fill, const Stroke* stroke) = 0;
    virtual void circle(Pt c, double r, std::optional<Colour> fill, const Stroke* stroke) = 0;
    // Text in UTF-8 (sanitised by the back end). `angle` in degrees, counter-clockwise, about `at`.
    virtual void text(Pt at, std::string_view utf8, const Font& f, Colour c, HAlign h = HAlign::Left,
                      VAlign v = VAlign::Baseline, double angle = 0.0) = 0;
    virtual void pushClip(const Box& b) = 0;
    virtual void popClip() = 0;
    // A labelled group (SVG: a <g> with a <title> tooltip); nothing on cairo.
    virtual void beginGroup(std::string_view title) { (void)title; }
    virtual void endGroup() {}

    // Measurement (cairo's, the same for every back end).
    double textWidth(std::string_view utf8, const Font& f) const;
    double ascent(const Font& f) const;   // above the baseline
    double descent(const Font& f) const;  // below the baseline (positive)
    // `text` cut with an ellipsis to fit `maxWidth`.
    std::string elide(std::string_view utf8, const Font& f, double maxWidth) const;
    // Greedy word wrap into lines no wider than `maxWidth` (a word wider than that is elided).
    std::vector<std::string> wrap(std::string_view utf8, const Font& f, double maxWidth) const;
};

// Draws on a cairo context (a PDF page, a PNG image surface). The context is borrowed.
class CairoPainter final : public Painter {
public:
    explicit CairoPainter(cairo_t* cr) : m_cr(cr) {}
    void rect(const Box& b, std::optional<Colour> fill, const Stroke* stroke, double radius = 0.0) override;
    void line(Pt a, Pt b, const Stroke& s) override;
    void polyline(std::span<const Pt> pts, const Stroke& s) override;
    void polygon(std::span<const Pt> pts, std::optional<Colour> fill, const Stroke* stroke) override;
    void circle(Pt c, double r, std::optional<Colour> fill, const Stroke* stroke) override;
    void text(Pt at, std::string_view utf8, const Font& f, Colour c, HAlign h = HAlign::Left,
              VAlign v = VAlign::Baseline, double angle = 0.0) override;
    void pushClip(const Box& b) override;
    void popClip() override;

private:
    void applyStroke(const Stroke& s);
    cairo_t* m_cr;
};

// Builds SVG elements as text; svg() wraps them in a standalone <svg> root.
class SvgPainter final : public Painter {
public:
    // `idPrefix` keeps clip-path ids unique when several SVGs sit in one HTML page.
    SvgPainter(double width, double height, std::string idPrefix = "c")
        : m_width(width), m_height(height), m_idPrefix(std::move(idPrefix)) {}
    void rect(const Box& b, std::optional<Colour> fill, const Stroke* stroke, double radius = 0.0) override;
    void line(Pt a, Pt b, const Stroke& s) override;
    void polyline(std::span<const Pt> pts, const Stroke& s) override;
    void polygon(std::span<const Pt> pts, std::optional<Colour> fill, const Stroke* stroke) override;
    void circle(Pt c, double r, std::optional<Colour> fill, const Stroke* stroke) override;
    void text(Pt at, std::string_view utf8, const Font& f, Colour c, HAlign h = HAlign::Left,
              VAlign v = VAlign::Baseline, double angle = 0.0) override;
    void pushClip(const Box& b) override;
    void popClip() override;
    void beginGroup(std::string_view title) override;
    void endGroup() override;

    // The document: <svg xmlns=... viewBox="0 0 w h" role="img"> with `title` as its accessible name.
    // `standalone` adds the XML declaration (for .svg files); inline HTML leaves it out.
    std::string svg(std::string_view title, bool standalone) const;

private:
    double m_width, m_height;
    std::string m_idPrefix;
    std::string m_body;
    int m_clipCount = 0;
    int m_openClips = 0;
};

// Formats a coordinate for SVG: two decimals, no trailing zeros ("12.5", "3").
std::string svgNumber(double v);

}  // namespace bulwark::exporting
