// reportPdf(): the report laid out on A4 or Letter pages with cairo. The layout runs twice: once on a painter
// that draws nothing, to count the pages, then on the PDF surface, so every footer can say "Page n of N".
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/core.h>

#include "export/report.hpp"
#include "export/text_escape.hpp"

namespace bulwark::exporting {

namespace {

// Measures like any painter, draws nothing: the first layout pass.
class NullPainter final : public Painter {
public:
    void rect(const Box&, std::optional<Colour>, const Stroke*, double) override {}
    void line(Pt, Pt, const Stroke&) override {}
    void polyline(std::span<const Pt>, const Stroke&) override {}
    void polygon(std::span<const Pt>, std::optional<Colour>, const Stroke*) override {}
    void circle(Pt, double, std::optional<Colour>, const Stroke*) override {}
    void text(Pt, std::string_view, const Font&, Colour, HAlign, VAlign, double) override {}
    void pushClip(const Box&) override {}
    void popClip() override {}
};

const Font kBody{9.5, false};
const Font kNoteFont{8.5, false};
const Font kHeading{15.0, true};
const Font kTableFont{8.2, false};
const Font kTableHead{8.2, true};
const Font kSmall{7.5, false};
const Font kTileLabel{7.2, true};
const Font kTileValue{16.0, true};
const Font kTileDetail{7.8, false};

Colour toneColour(Tone t) {
    switch (t) {
        case Tone::Good: return palette::kGreen;
        case Tone::Warning: return palette::kAmber;
        case Tone::Bad: return palette::kRed;
        case Tone::Neutral: break;
    }
    return palette::kAxis;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

struct PageGeometry {
    double width = 595.28, height = 841.89;  // A4 in points
    double left = 48.0, right = 48.0, top = 54.0, bottom = 52.0;
    double contentWidth() const { return width - left - right; }
    double contentBottom() const { return height - bottom; }
};

PageGeometry geometryFor(PaperSize paper) {
    PageGeometry g;
    if (paper == PaperSize::Letter) {
        g.width = 612.0;
        g.height = 792.0;
    }
    return g;
}

class Layout {
public:
    Layout(Painter& p, cairo_t* cr, const ReportDoc& doc, const PageGeometry& g, int totalPages)
        : m_p(p), m_cr(cr), m_doc(doc), m_g(g), m_total(totalPages) {}

    int pages() const { return m_page; }
    const std::vector<std::pair<std::string, std::pair<int, double>>>& outline() const { return m_outline; }

    void run() {
        m_y = m_g.top;
        drawCover();
        for (const Section& s : m_doc.sections) drawSection(s);
        drawFooter();
    }

private:
    double W() const { return m_g.contentWidth(); }
    double X() const { return m_g.left; }

    void newPage() {
        drawFooter();
        if (m_cr) cairo_show_page(m_cr);
        ++m_page;
        m_y = m_g.top;
        drawRunningHeader();
    }
    // Starts a new page unless `h` fits below the cursor (or the page is still empty).
    void ensure(double h) {
        if (m_y + h > m_g.contentBottom() && m_y > m_g.top + 1.0) newPage();
    }

    void drawRunningHeader() {
        const double y = m_g.top - 24.0;
        m_p.text({X(), y}, m_p.elide(m_doc.subtitle, kSmall, W() * 0.6), kSmall, palette::kMuted, HAlign::Left, VAlign::Baseline);
        m_p.text({X() + W(), y}, m_doc.title, kSmall, palette::kMuted, HAlign::Right, VAlign::Baseline);
        m_p.line({X(), y + 5.0}, {X() + W(), y + 5.0}, Stroke{palette::kGrid, 0.7, {}});
    }

    void drawFooter() {
        const double y = m_g.height - m_g.bottom + 26.0;
        m_p.line({X(), y - 11.0}, {X() + W(), y - 11.0}, Stroke{palette::kGrid, 0.7, {}});
        m_p.text({X(), y}, m_p.elide(m_doc.footer, kSmall, W() * 0.7), kSmall, palette::kMuted, HAlign::Left, VAlign::Baseline);
        std::string page = m_total > 0 ? fmt::format("Page {} of {}", m_page, m_total) : fmt::format("Page {}", m_page);
        m_p.text({X() + W(), y}, page, kSmall, palette::kMuted, HAlign::Right, VAlign::Baseline);
    }

    void drawCover() {
        // A navy band with the title and project, then the facts.
        const double bandH = 92.0;
        m_p.rect({0.0, 0.0, m_g.width, bandH + 12.0}, palette::kNavy, nullptr);
        m_p.text({X(), 34.0}, upper(m_doc.title), Font{8.5, true}, Colour::hex(0xC9D6E6), HAlign::Left, VAlign::Baseline);
        std::vector<std::string> lines = m_p.wrap(m_doc.subtitle, Font{21.0, true}, W());
        if (lines.size() > 2) lines.resize(2);
        double y = 62.0;
        for (const auto& l : lines) {
            m_p.text({X(), y}, l, Font{21.0, true}, Colour::hex(0xFFFFFF), HAlign::Left, VAlign::Baseline);
            y += 25.0;
        }
        m_y = std::max(bandH + 12.0, y - 10.0) + 18.0;
        double x = X();
        for (const auto& [k, v] : m_doc.facts) {
            double kw = m_p.textWidth(k + ":", kNoteFont) + 4.0;
            std::string val = m_p.elide(v, Font{8.5, true}, W() * 0.5);
            double vw = m_p.textWidth(val, Font{8.5, true});
            if (x + kw + vw > X() + W() && x > X()) {
                x = X();
                m_y += 13.0;
            }
            m_p.text({x, m_y}, k + ":", kNoteFont, palette::kMuted, HAlign::Left, VAlign::Baseline);
            m_p.text({x + kw, m_y}, val, Font{8.5, true}, palette::kInk, HAlign::Left, VAlign::Baseline);
            x += kw + vw + 18.0;
        }
        m_y += 16.0;
    }

    void drawSection(const Section& s) {
        if (s.newPage && m_y > m_g.top + 1.0) newPage();
        // Keep the heading with the start of the first block.
        double firstBlock = 60.0;
        if (!s.blocks.empty() && s.blocks.front().kind == Block::Kind::Figure && s.blocks.front().chart)
            firstBlock = s.blocks.front().chart->height + 10.0;
        ensure(10.0 + kHeading.size + 16.0 + firstBlock);
        m_y += 10.0;
        m_outline.push_back({s.title, {m_page, m_y}});
        m_p.text({X(), m_y}, s.title, kHeading, palette::kNavy, HAlign::Left, VAlign::Top);
        m_y += kHeading.size + 6.0;
        m_p.line({X(), m_y}, {X() + W(), m_y}, Stroke{palette::kGrid, 1.0, {}});
        m_y += 10.0;
        for (const Block& b : s.blocks) {
            switch (b.kind) {
                case Block::Kind::Paragraph: drawText(b.text, kBody, palette::kInk, 13.2, false); break;
                case Block::Kind::Note: drawText(b.text, kNoteFont, palette::kMuted, 11.5, true); break;
                case Block::Kind::Tiles: drawTiles(b.tiles); break;
                case Block::Kind::Figure:
                    if (b.chart) drawChartBlock(*b.chart);
                    break;
                case Block::Kind::Table: drawTable(b.table); break;
            }
        }
        m_y += 6.0;
    }

    void drawText(const std::string& text, const Font& f, Colour c, double lineH, bool boxed) {
        const double indent = boxed ? 10.0 : 0.0;
        std::vector<std::string> lines = m_p.wrap(text, f, W() - indent - (boxed ? 6.0 : 0.0));
        m_y += 2.0;
        // Short paragraphs stay whole; longer ones leave at least two lines on each page.
        const double whole = lineH * static_cast<double>(lines.size()) + (boxed ? 6.0 : 0.0);
        if (lines.size() <= 4) ensure(whole);
        else ensure(2.0 * lineH + 2.0);
        std::size_t i = 0;
        while (i < lines.size()) {
            ensure(lineH + 2.0);
            // As many lines as fit on this page.
            std::size_t fit = 0;
            while (i + fit < lines.size() && m_y + lineH * static_cast<double>(fit + 1) <= m_g.contentBottom()) ++fit;
            if (fit == 0) fit = 1;
            if (boxed) {
                double h = lineH * static_cast<double>(fit) + 6.0;
                m_p.rect({X(), m_y - 2.0, W(), h}, Colour::hex(0xF5F7FA), nullptr);
                m_p.rect({X(), m_y - 2.0, 2.5, h}, palette::kGrey, nullptr);
            }
            for (std::size_t k = 0; k < fit; ++k) {
                m_p.text({X() + indent, m_y + 1.0}, lines[i + k], f, c, HAlign::Left, VAlign::Top);
                m_y += lineH;
            }
            i += fit;
            if (boxed) m_y += 6.0;
        }
        m_y += 5.0;
    }

    void drawTiles(const std::vector<Tile>& tiles) {
        const int perRow = 3;
        const double gap = 10.0;
        const double tw = (W() - gap * (perRow - 1)) / perRow;
        for (std::size_t start = 0; start < tiles.size(); start += perRow) {
            const std::size_t end = std::min(tiles.size(), start + perRow);
            double h = 0.0;
            std::vector<std::vector<std::string>> details;
            for (std::size_t i = start; i < end; ++i) {
                auto d = m_p.wrap(tiles[i].detail, kTileDetail, tw - 16.0);
                if (d.size() > 3) d.resize(3);
                h = std::max(h, 46.0 + 10.0 * static_cast<double>(d.size()));
                details.push_back(std::move(d));
            }
            ensure(h + gap);
            for (std::size_t i = start; i < end; ++i) {
                const Tile& t = tiles[i];
                const double x = X() + static_cast<double>(i - start) * (tw + gap);
                Stroke border{Colour::hex(0xD9DEE4), 0.8, {}};
                m_p.rect({x, m_y, tw, h}, Colour::hex(0xFFFFFF), &border, 3.0);
                Colour tone = toneColour(t.tone);
                m_p.rect({x, m_y, tw, 3.5}, tone, nullptr);
                m_p.text({x + 8.0, m_y + 10.0}, m_p.elide(upper(t.label), kTileLabel, tw - 16.0), kTileLabel, palette::kMuted,
                         HAlign::Left, VAlign::Top);
                Colour valueColour = t.tone == Tone::Neutral ? palette::kInk : tone;
                m_p.text({x + 8.0, m_y + 22.0}, m_p.elide(t.value, kTileValue, tw - 16.0), kTileValue, valueColour,
                         HAlign::Left, VAlign::Top);
                double dy = m_y + 44.0;
                for (const auto& line : details[i - start]) {
                    m_p.text({x + 8.0, dy}, line, kTileDetail, palette::kMuted, HAlign::Left, VAlign::Top);
                    dy += 10.0;
                }
            }
            m_y += h + gap;
        }
        m_y += 2.0;
    }

    void drawChartBlock(const NamedChart& c) {
        ensure(c.height + 8.0);
        drawChart(m_p, c.chart, Box{X(), m_y, W(), c.height});
        m_y += c.height + 10.0;
    }

    void drawTableHeader(const ReportTable& t, const std::vector<double>& cols) {
        const double h = 17.0;
        m_p.rect({X(), m_y, W(), h}, palette::kNavy, nullptr);
        double x = X();
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            bool num = i < t.numeric.size() && t.numeric[i];
            std::string text = m_p.elide(t.header[i], kTableHead, cols[i] - 8.0);
            m_p.text({num ? x + cols[i] - 4.0 : x + 4.0, m_y + h / 2.0}, text, kTableHead, Colour::hex(0xFFFFFF),
                     num ? HAlign::Right : HAlign::Left, VAlign::Middle);
            x += cols[i];
        }
        m_y += h;
    }

    void drawTable(const ReportTable& t) {
        if (t.header.empty()) return;
        double total = 0.0;
        for (std::size_t i = 0; i < t.header.size(); ++i) total += i < t.widths.size() ? t.widths[i] : 1.0;
        std::vector<double> cols;
        for (std::size_t i = 0; i < t.header.size(); ++i) cols.push_back(W() * (i < t.widths.size() ? t.widths[i] : 1.0) / total);
        const double lineH = 10.4;
        auto rowLines = [&](const std::vector<std::string>& row) {
            std::vector<std::vector<std::string>> cells;
            for (std::size_t i = 0; i < cols.size(); ++i) {
                std::string text = i < row.size() ? row[i] : "";
                bool num = i < t.numeric.size() && t.numeric[i];
                std::vector<std::string> lines = num ? std::vector<std::string>{m_p.elide(text, kTableFont, cols[i] - 8.0)}
                                                     : m_p.wrap(text, kTableFont, cols[i] - 8.0);
                if (lines.size() > 8) {  // very long cells are cut: the registers carry the full text
                    lines.resize(8);
                    lines.back() = m_p.elide(lines.back() + " \xE2\x80\xA6", kTableFont, cols[i] - 8.0);
                }
                cells.push_back(std::move(lines));
            }
            return cells;
        };
        m_y += 2.0;
        ensure(17.0 + 2.0 * lineH + 6.0);
        drawTableHeader(t, cols);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            auto cells = rowLines(t.rows[r]);
            std::size_t maxLines = 1;
            for (const auto& c : cells) maxLines = std::max(maxLines, c.size());
            const double h = lineH * static_cast<double>(maxLines) + 6.0;
            if (m_y + h > m_g.contentBottom()) {
                newPage();
                drawTableHeader(t, cols);
            }
            if (r % 2 == 1) m_p.rect({X(), m_y, W(), h}, Colour::hex(0xF7F9FB), nullptr);
            if (r < t.rowTones.size() && t.rowTones[r] != Tone::Neutral)
                m_p.rect({X(), m_y, 3.0, h}, toneColour(t.rowTones[r]), nullptr);
            double x = X();
            for (std::size_t i = 0; i < cols.size(); ++i) {
                bool num = i < t.numeric.size() && t.numeric[i];
                double y = m_y + 4.0;
                for (const auto& line : cells[i]) {
                    m_p.text({num ? x + cols[i] - 4.0 : x + 5.0, y}, line, kTableFont, palette::kInk,
                             num ? HAlign::Right : HAlign::Left, VAlign::Top);
                    y += lineH;
                }
                x += cols[i];
            }
            m_y += h;
            m_p.line({X(), m_y}, {X() + W(), m_y}, Stroke{Colour::hex(0xE4E7EB), 0.6, {}});
        }
        m_y += 10.0;
    }

    Painter& m_p;
    cairo_t* m_cr;
    const ReportDoc& m_doc;
    PageGeometry m_g;
    int m_total;
    int m_page = 1;
    double m_y = 0.0;
    std::vector<std::pair<std::string, std::pair<int, double>>> m_outline;
};

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

model::Result<std::string> reportPdf(const ReportDoc& doc, PaperSize paper, std::string_view creationDate) {
    const PageGeometry g = geometryFor(paper);
    int pages = 0;
    {
        NullPainter counter;
        Layout pass(counter, nullptr, doc, g, 0);
        pass.run();
        pages = pass.pages();
    }
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendBytes, &bytes, g.width, g.height);
    std::string title = sanitizeUtf8(doc.subtitle + " \xE2\x80\x94 " + doc.title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Bulwark");
    if (creationDate.size() >= 10) {
        // ISO 8601; cairo converts it to the PDF date format.
        std::string date = sanitizeUtf8(creationDate);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    }
    cairo_t* cr = cairo_create(surface);
    std::vector<std::pair<std::string, std::pair<int, double>>> outline;
    {
        CairoPainter painter(cr);
        Layout pass(painter, cr, doc, g, pages);
        pass.run();
        outline = pass.outline();
    }
    for (const auto& [name, where] : outline) {
        std::string label = sanitizeUtf8(name);
        std::string link = fmt::format("page={} pos=[{} {}]", where.first, g.left, std::max(0.0, where.second - 12.0));
        cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, label.c_str(), link.c_str(),
                                      static_cast<cairo_pdf_outline_flags_t>(0));
    }
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return std::unexpected(model::makeError(std::string("PDF report: ") + cairo_status_to_string(status)));
    return bytes;
}

}  // namespace bulwark::exporting
