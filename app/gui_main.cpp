// The desktop app's host: GLFW window, OpenGL 3 context, Dear ImGui back ends and the main loop (the
// shape of ImGui's GLFW + OpenGL3 example), plus the screenshot and benchmark modes. Everything the
// user sees is drawn by drawFrame() in shell.cpp; this file only owns the window and the loop.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <sys/resource.h>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "app/app_state.hpp"
#include "app/document.hpp"
#include "app/gl_state.hpp"
#include "app/options.hpp"
#include "app/panels/panels.hpp"
#include "app/background.hpp"
#include "app/screenshot.hpp"
#include "app/shell.hpp"
#include "app/theme.hpp"
#include "app/threats_view.hpp"

namespace bulwark::app {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;
constexpr int kScreenshotFrames = 6;  // enough for fit-to-view, fonts and table layouts to settle
constexpr std::chrono::seconds kScreenshotWaitLimit{120};

void glfwError(int code, const char* what) { std::fprintf(stderr, "bulwark: GLFW error %d: %s\n", code, what); }

struct Host {
    GLFWwindow* window = nullptr;
    bool imgui = false;
    bool backends = false;
    ~Host() {
        if (backends) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
        }
        if (imgui) ImGui::DestroyContext();
        if (window) glfwDestroyWindow(window);
        glfwTerminate();
    }
};

// The UI pass (CPU): input, every widget, ImGui's draw lists.
void buildFrame(AppState& s) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Screenshots and benchmarks must not depend on where the pointer happens to be (Xvfb puts it in
    // the middle of the screen, over the window): no mouse.
    if (s.screenshotMode) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    drawFrame(s);
    ImGui::Render();
}

// Pixels the rasteriser shades for the draw lists, in window areas: under software OpenGL the frame time
// follows it (every ImGui pixel is a texture fetch and a blend), so it measures the overdraw that
// --bench-frames's timings come from, independently of the machine's load. Clear commands (callbacks)
// are not counted; triangles are clipped to their command's rectangle by clamping their corners.
double shadedWindowAreas(const ImDrawData* dd) {
    if (!dd || dd->DisplaySize.x <= 0 || dd->DisplaySize.y <= 0) return 0;
    double area = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* cl = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : cl->CmdBuffer) {
            if (cmd.UserCallback) continue;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                ImVec2 v[3];
                for (int k = 0; k < 3; ++k) {
                    const ImVec2 p = cl->VtxBuffer[cmd.VtxOffset + cl->IdxBuffer[cmd.IdxOffset + i + k]].pos;
                    v[k] = ImVec2(std::clamp(p.x, cmd.ClipRect.x, cmd.ClipRect.z), std::clamp(p.y, cmd.ClipRect.y, cmd.ClipRect.w));
                }
                area += std::abs((v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[2].x - v[0].x) * (v[1].y - v[0].y)) / 2;
            }
        }
    }
    return area / (static_cast<double>(dd->DisplaySize.x) * dd->DisplaySize.y);
}

// The GL pass: rasterise the draw lists into the back buffer.
void drawGl(GLFWwindow* window) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    resetFontFiltering();  // the back end (re)creates the font texture bilinear; the UI's fonts want nearest
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void renderFrame(GLFWwindow* window, AppState& s) {
    buildFrame(s);
    drawGl(window);
}

}  // namespace

int runApp(int argc, char** argv) {
    const auto processStart = std::chrono::steady_clock::now();
    std::vector<std::string> args(argv + 1, argv + argc);
    ParsedOptions parsed = parseOptions(args);
    if (!parsed.options) {
        std::fprintf(stderr, "bulwark: %s", parsed.message.c_str());
        return kExitUsage;
    }
    const Options& opt = *parsed.options;
    if (opt.help) {
        std::fputs(parsed.message.c_str(), stdout);
        return kExitOk;
    }
    const bool batch = !opt.screenshot.empty() || opt.benchFrames > 0;
    // "compliance" opens the checklist on its compliance view (for documentation screenshots).
    const bool compliance = opt.panel == "compliance";
    const PanelDef* panel = compliance ? findPanel("checklist") : nullptr;
    if (!opt.panel.empty() && !panel && !(panel = findPanel(opt.panel))) {
        std::fprintf(stderr, "bulwark: unknown panel '%s'\n", opt.panel.c_str());
        return kExitUsage;
    }

    AppState s;
    s.screenshotMode = batch;
    if (!batch) {
        s.settingsFile = configDir() / "settings.json";
        auto loaded = loadSettings(s.settingsFile);
        if (loaded) s.settings = *loaded;
        else notify(s, Notice::Kind::Error, "Settings not loaded", loaded.error().str());
    }
    if (opt.theme == "dark") s.settings.theme = Theme::Dark;
    if (opt.theme == "light") s.settings.theme = Theme::Light;

    glfwSetErrorCallback(glfwError);
    if (!glfwInit()) {
        std::fprintf(stderr, "bulwark: cannot initialise GLFW (is a display available? try xvfb-run)\n");
        return kExitUsage;
    }
    // Declared before the host: ImGui writes its ini file to this path when the context is destroyed.
    const std::string iniPath = batch ? std::string{} : (configDir() / "layout.ini").string();
    Host host;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    // No depth or stencil buffer: ImGui uses neither, and llvmpipe (software GL) drops the earlier commands
    // of a tile an opaque shape covers only when the framebuffer has none (1-3 ms a frame with 500 components).
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, batch ? GLFW_FALSE : GLFW_TRUE);
    if (batch) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    const int winW = batch ? opt.width : s.settings.windowWidth;
    const int winH = batch ? opt.height : s.settings.windowHeight;
    host.window = glfwCreateWindow(winW, winH, "Bulwark", nullptr, nullptr);
    if (!host.window) {
        std::fprintf(stderr, "bulwark: cannot create an OpenGL 3.3 window\n");
        return kExitUsage;
    }
    glfwMakeContextCurrent(host.window);
    glfwSwapInterval(batch ? 0 : 1);
    s.glfwVersion = glfwGetVersionString();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    host.imgui = true;
    ImGuiIO& io = ImGui::GetIO();
    // ImGui's own layout memory (table column widths) sits beside the settings; none in batch mode.
    io.IniFilename = batch ? nullptr : iniPath.c_str();
    io.ConfigWindowsMoveFromTitleBarOnly = true;

    float xs = 1.0f, ys = 1.0f;
    if (!batch) glfwGetWindowContentScale(host.window, &xs, &ys);
    s.uiScale = std::clamp(std::max(xs, ys), 1.0f, 4.0f);
    loadFonts(s.fonts, s.uiScale);
    applyTheme(s.settings.theme, s.uiScale);
    ImGui_ImplGlfw_InitForOpenGL(host.window, true);
    ImGui_ImplOpenGL3_Init("#version 330");
    host.backends = true;
    if (!batch) {
        std::error_code ec;
        std::filesystem::create_directories(configDir(), ec);
    }

    loadCatalogueInto(s);
    openWorkspaceAt(s, opt.workspace);
    applySettings(s);
    s.fileBrowser.places = {examplesDir()};
    bool loadFailed = false;
    if (!opt.file.empty()) {
        if (!openDocument(s, opt.file)) loadFailed = true;
    } else {
        newDocument(s);
    }
    if (loadFailed && batch) {
        for (const auto& e : s.errorDialog.errors) std::fprintf(stderr, "%s\n", e.str().c_str());
        return kExitProblems;
    }
    if (loadFailed) newDocument(s);  // the error dialog explains; start with an empty project
    if (!s.catalogueErrors.empty()) {
        for (const auto& e : s.catalogueErrors) std::fprintf(stderr, "%s\n", e.str().c_str());
        if (batch) return kExitProblems;
    }
    if (!batch) checkRecovery(s);
    if (panel) s.panel = panel->id;
    if (compliance) {
        s.checklist.tab = 1;
        s.checklist.tabRequested = true;
    }
    if (opt.zoom > 0) s.canvas.zoomAfterFit = static_cast<float>(opt.zoom) / 100.0f;
    if (opt.select.find('@') != std::string::npos) {
        // A finding id (RULE@element): shown selected on the Threats page.
        refreshThreats(s.threats, s.doc.project, s.doc.path, s.doc.revision, s.cat());
        const PanelId shown = s.panel;
        if (!showFinding(s, opt.select)) {
            std::fprintf(stderr, "bulwark: --select: no finding '%s' in the project\n", opt.select.c_str());
            return kExitUsage;
        }
        if (panel) s.panel = shown;  // --panel says which page; the finding is selected on the Threats page
    } else if (!opt.select.empty()) {
        if (!s.doc.project.component(opt.select) && !s.doc.project.flow(opt.select) && !s.doc.project.boundary(opt.select)) {
            std::fprintf(stderr, "bulwark: --select: no element '%s' in the project\n", opt.select.c_str());
            return kExitUsage;
        }
        s.selection.set(opt.select);
    }

    if (opt.dialog == "about") s.showAbout = true;
    if (opt.dialog == "shortcuts") s.showShortcuts = true;
    if (opt.dialog == "problems") s.showProblems = true;
    if (opt.dialog == "open") openFileBrowser(s.fileBrowser, FileBrowserMode::Open, "Open project", examplesDir(), 1);

    // ---- batch modes
    if (!opt.screenshot.empty()) {
        // A few frames for layouts to settle, then on until background work (simulations, analysis)
        // has finished, with a bound so a stuck job fails the screenshot instead of hanging it.
        const auto started = std::chrono::steady_clock::now();
        int settled = 0;
        for (int frame = 0;; ++frame) {
            glfwPollEvents();
            renderFrame(host.window, s);
            settled = backgroundBusy(s) ? 0 : settled + 1;
            if (frame + 1 >= kScreenshotFrames && settled >= 2) break;
            if (std::chrono::steady_clock::now() - started > kScreenshotWaitLimit) {
                std::fprintf(stderr, "bulwark: background work still running after %lld s\n",
                             static_cast<long long>(kScreenshotWaitLimit.count()));
                return kExitProblems;
            }
            if (backgroundBusy(s)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            glfwSwapBuffers(host.window);
        }
        int w = 0, h = 0;
        glfwGetFramebufferSize(host.window, &w, &h);
        Image img = readFramebuffer(w, h);
        if (auto r = writePng(img, opt.screenshot); !r) {
            std::fprintf(stderr, "bulwark: %s\n", r.error().str().c_str());
            return kExitProblems;
        }
        if (!s.frameErrors.empty()) {
            for (const auto& e : s.frameErrors) std::fprintf(stderr, "bulwark: frame error: %s\n", e.c_str());
            return kExitProblems;
        }
        std::printf("%s: %dx%d, luminance variance %.1f\n", opt.screenshot.c_str(), w, h, luminanceVariance(img));
        return kExitOk;
    }
    if (opt.benchFrames > 0) {
        std::vector<double> ms;
        ms.reserve(static_cast<std::size_t>(opt.benchFrames));
        double uiMs = 0;  // CPU time in the UI pass (ours and ImGui's), without GL rasterising
        double rasterMs = 0;  // wall time from the draw calls to the rasteriser's end (glFinish)
        double firstFrameMs = 0;  // start-up: from entering runApp to the first frame on screen
        double shaded = 0;
        double triangles = 0;
        double drawCalls = 0;
        // CPU time of the whole process (the UI thread and the rasteriser's threads): steadier than wall
        // time on a shared machine, and what software GL costs a laptop's battery.
        auto cpuMs = [] {
            rusage u{};
            getrusage(RUSAGE_SELF, &u);
            return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
        };
        double cpuStart = 0;
        for (int i = 0; i < opt.benchFrames; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            glfwPollEvents();
            buildFrame(s);
            auto t1 = std::chrono::steady_clock::now();
            shaded += shadedWindowAreas(ImGui::GetDrawData());
            const ImDrawData* dd = ImGui::GetDrawData();
            triangles += dd->TotalIdxCount / 3;
            for (int n = 0; n < dd->CmdListsCount; ++n) drawCalls += dd->CmdLists[n]->CmdBuffer.Size;
            drawGl(host.window);
            glFinish();  // rasterising ends here; the swap that follows is the copy to the screen
            const auto tRaster = std::chrono::steady_clock::now();
            glfwSwapBuffers(host.window);
            auto t2 = std::chrono::steady_clock::now();
            rasterMs += std::chrono::duration<double, std::milli>(tRaster - t1).count();
            if (i == 0) {
                glFinish();
                cpuStart = cpuMs();
                firstFrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - processStart).count();
            }
            uiMs += std::chrono::duration<double, std::milli>(t1 - t0).count();
            ms.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
        }
        const double cpuPerFrame = opt.benchFrames > 1 ? (cpuMs() - cpuStart) / (opt.benchFrames - 1) : 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        double sum = 0;
        for (double v : ms) sum += v;
        auto pct = [&](double q) { return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))]; };
        const double n = static_cast<double>(ms.size());
        std::printf("frames %d  mean %.3f ms  p50 %.3f ms  p95 %.3f ms  max %.3f ms  "
                    "(UI pass mean %.3f ms, rasterising %.3f ms, present %.3f ms)  CPU %.3f ms a frame  "
                    "start-up to first frame %.1f ms  shaded %.2f window areas and %.0f triangles in %.0f draw commands "
                    "a frame  (%zu components, %zu flows, %zu boundaries)\n",
                    opt.benchFrames, sum / n, pct(0.5), pct(0.95), sorted.back(), uiMs / n, rasterMs / n,
                    (sum - uiMs - rasterMs) / n, cpuPerFrame, firstFrameMs, shaded / n, triangles / n, drawCalls / n,
                    s.doc.project.components.size(), s.doc.project.flows.size(), s.doc.project.boundaries.size());
        return s.frameErrors.empty() ? kExitOk : kExitProblems;
    }

    // ---- interactive loop: wait for events when idle, poll while the user is dragging or typing
    std::string title;
    int settleFrames = 2;
    while (!s.quitConfirmed) {
        // A background job running (simulation, analysis) keeps frames coming so its progress and result show.
        const bool busy = ImGui::IsAnyMouseDown() || ImGui::IsAnyItemActive() || backgroundBusy(s) ||
                          std::any_of(s.notices.begin(), s.notices.end(), [](const Notice& n) { return n.expires > 0; });
        if (busy || settleFrames > 0) {
            glfwPollEvents();
            if (settleFrames > 0) --settleFrames;
        } else {
            double before = glfwGetTime();
            glfwWaitEventsTimeout(1.0);  // wakes at least once a second for autosave and notices
            if (glfwGetTime() - before < 0.99) settleFrames = 2;  // an event: let layouts settle
        }
        if (glfwWindowShouldClose(host.window)) {
            glfwSetWindowShouldClose(host.window, GLFW_FALSE);
            requestQuit(s);
        }
        renderFrame(host.window, s);
        glfwSwapBuffers(host.window);
        std::string t = windowTitle(s);
        if (t != title) {
            glfwSetWindowTitle(host.window, t.c_str());
            title = t;
        }
    }
    int ww = 0, wh = 0;
    glfwGetWindowSize(host.window, &ww, &wh);
    if (ww > 0 && wh > 0) {
        s.settings.windowWidth = ww;
        s.settings.windowHeight = wh;
    }
    persistSettings(s);
    return kExitOk;
}

}  // namespace bulwark::app
