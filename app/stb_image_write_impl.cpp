// The one translation unit that compiles stb_image_write (static, so it cannot clash with libstb),
// using zlib's deflate when available: PNGs come out much smaller than with stb's own compressor.
#ifdef BULWARK_HAVE_ZLIB
#include <zlib.h>

#include <cstdlib>

namespace {
unsigned char* zlibCompress(unsigned char* data, int len, int* outLen, int quality) {
    uLongf size = compressBound(static_cast<uLong>(len));
    auto* out = static_cast<unsigned char*>(std::malloc(size));
    if (!out) return nullptr;
    if (compress2(out, &size, data, static_cast<uLong>(len), quality < 9 ? 9 : quality) != Z_OK) {
        std::free(out);
        return nullptr;
    }
    *outLen = static_cast<int>(size);
    return out;
}
}  // namespace
#define STBIW_ZLIB_COMPRESS zlibCompress
#endif

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace bulwark::app {
// Exported wrapper: the static stb functions are only visible in this file.
int writePngFile(const char* path, int w, int h, int comp, const void* data, int stride) {
    return stbi_write_png(path, w, h, comp, data, stride);
}
}  // namespace bulwark::app
