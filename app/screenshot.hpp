// Writing the rendered frame to a PNG (screenshot mode) and measuring an image's pixel variance
// (so tests can tell a real UI from a blank window). The PNG writer is stb_image_write.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/error.hpp"

namespace bulwark::app {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // row-major, top row first, 3 bytes per pixel
};

// Reads the current GL framebuffer's back buffer (call before swapping).
Image readFramebuffer(int width, int height);

model::Result<void> writePng(const Image& img, const std::filesystem::path& path);

// Variance of the luminance (0..255 scale) over all pixels: ~0 for a blank image.
double luminanceVariance(const Image& img);

}  // namespace bulwark::app
