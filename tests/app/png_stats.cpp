// Checks a screenshot for the GUI tests: exists, decodes as PNG, has the expected size and is not
// blank (luminance variance above a floor). Prints what it measured; exit 0 when all checks pass.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <stb/stb_image.h>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: png_stats FILE WIDTH HEIGHT MIN_VARIANCE\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
    if (!px) {
        std::fprintf(stderr, "%s: not a readable PNG (%s)\n", argv[1], stbi_failure_reason());
        return 1;
    }
    const int wantW = std::atoi(argv[2]), wantH = std::atoi(argv[3]);
    const double minVar = std::atof(argv[4]);
    double sum = 0, sum2 = 0;
    const long count = static_cast<long>(w) * h;
    for (long i = 0; i < count; ++i) {
        double l = 0.299 * px[i * 3] + 0.587 * px[i * 3 + 1] + 0.114 * px[i * 3 + 2];
        sum += l;
        sum2 += l * l;
    }
    stbi_image_free(px);
    const double mean = sum / static_cast<double>(count);
    const double var = sum2 / static_cast<double>(count) - mean * mean;
    std::printf("%s: %dx%d, mean luminance %.1f, variance %.1f\n", argv[1], w, h, mean, var);
    int status = 0;
    if (w != wantW || h != wantH) {
        std::fprintf(stderr, "size %dx%d, expected %dx%d\n", w, h, wantW, wantH);
        status = 1;
    }
    if (var < minVar) {
        std::fprintf(stderr, "looks blank: variance %.1f < %.1f\n", var, minVar);
        status = 1;
    }
    return status;
}
