#include "app/screenshot.hpp"

#include <GL/gl.h>

#include <algorithm>

#include <fmt/core.h>

namespace bulwark::app {

// In stb_image_write_impl.cpp.
int writePngFile(const char* path, int w, int h, int comp, const void* data, int stride);

Image readFramebuffer(int width, int height) {
    Image img;
    img.width = width;
    img.height = height;
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, raw.data());
    // GL's first row is the bottom one.
    img.rgb.resize(raw.size());
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    for (int y = 0; y < height; ++y)
        std::copy_n(raw.data() + static_cast<std::size_t>(height - 1 - y) * row, row, img.rgb.data() + static_cast<std::size_t>(y) * row);
    return img;
}

model::Result<void> writePng(const Image& img, const std::filesystem::path& path) {
    if (img.width <= 0 || img.height <= 0 || img.rgb.size() != static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 3)
        return std::unexpected(model::makeError("no image to write"));
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (!writePngFile(path.string().c_str(), img.width, img.height, 3, img.rgb.data(), img.width * 3))
        return std::unexpected(model::makeError(fmt::format("cannot write {}", path.string())));
    return {};
}

double luminanceVariance(const Image& img) {
    const std::size_t n = static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height);
    if (n == 0) return 0.0;
    double sum = 0, sum2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double l = 0.299 * img.rgb[i * 3] + 0.587 * img.rgb[i * 3 + 1] + 0.114 * img.rgb[i * 3 + 2];
        sum += l;
        sum2 += l * l;
    }
    double mean = sum / static_cast<double>(n);
    return sum2 / static_cast<double>(n) - mean * mean;
}

}  // namespace bulwark::app
