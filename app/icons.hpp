// The Fork Awesome glyphs the app uses (codepoints as in Font Awesome 4.7), merged into the UI fonts.
// Plain UTF-8 string constants; no ImGui. Add a glyph here and to kIconCodepoints, nowhere else.
#pragma once

#include <array>

namespace bulwark::app::icon {

// Navigation
inline constexpr const char* kArchitecture = "\uf0e8";  // sitemap
inline constexpr const char* kChecklist = "\uf046";     // check-square-o
inline constexpr const char* kThreats = "\uf188";       // bug
inline constexpr const char* kRisk = "\uf201";          // line-chart
inline constexpr const char* kDashboard = "\uf0e4";     // tachometer
inline constexpr const char* kFirmware = "\uf2db";      // microchip
inline constexpr const char* kReports = "\uf0f6";       // file-text-o
inline constexpr const char* kShield = "\uf132";        // shield

// Component kinds
inline constexpr const char* kDevice = "\uf2db";         // microchip
inline constexpr const char* kSecureElement = "\uf023";  // lock
inline constexpr const char* kProcess = "\uf013";        // cog
inline constexpr const char* kBootStage = "\uf135";      // rocket
inline constexpr const char* kKeyStore = "\uf084";       // key
inline constexpr const char* kDataStore = "\uf1c0";      // database
inline constexpr const char* kInterface = "\uf1e6";      // plug
inline constexpr const char* kCloud = "\uf0c2";          // cloud
inline constexpr const char* kMobile = "\uf10b";         // mobile
inline constexpr const char* kUpdateServer = "\uf019";   // download
inline constexpr const char* kFactory = "\uf275";        // industry
inline constexpr const char* kUser = "\uf007";           // user
inline constexpr const char* kExternal = "\uf0ac";       // globe
inline constexpr const char* kBoundary = "\uf247";       // object-group

// Actions and states
inline constexpr const char* kNew = "\uf15b";          // file
inline constexpr const char* kOpen = "\uf07c";         // folder-open
inline constexpr const char* kFolder = "\uf07b";       // folder
inline constexpr const char* kSave = "\uf0c7";         // floppy-o
inline constexpr const char* kUndo = "\uf0e2";         // undo
inline constexpr const char* kRedo = "\uf01e";         // repeat
inline constexpr const char* kCut = "\uf0c4";          // scissors
inline constexpr const char* kCopy = "\uf0c5";         // files-o
inline constexpr const char* kPaste = "\uf0ea";        // clipboard
inline constexpr const char* kDelete = "\uf1f8";       // trash
inline constexpr const char* kZoomIn = "\uf00e";       // search-plus
inline constexpr const char* kZoomOut = "\uf010";      // search-minus
inline constexpr const char* kFit = "\uf065";          // expand
inline constexpr const char* kGrid = "\uf00a";         // th
inline constexpr const char* kWarning = "\uf071";      // exclamation-triangle
inline constexpr const char* kError = "\uf06a";        // exclamation-circle
inline constexpr const char* kCheck = "\uf00c";        // check
inline constexpr const char* kTimes = "\uf00d";        // times
inline constexpr const char* kUp = "\uf148";           // level-up
inline constexpr const char* kHome = "\uf015";         // home
inline constexpr const char* kLink = "\uf0c1";         // link
inline constexpr const char* kInfo = "\uf05a";         // info-circle
inline constexpr const char* kKeyboard = "\uf11c";     // keyboard-o
inline constexpr const char* kMoon = "\uf186";         // moon-o
inline constexpr const char* kSun = "\uf185";          // sun-o
inline constexpr const char* kClock = "\uf017";        // clock-o
inline constexpr const char* kPlus = "\uf067";         // plus
inline constexpr const char* kAlignLeft = "\uf036";    // align-left
inline constexpr const char* kAlignCenter = "\uf037";  // align-center
inline constexpr const char* kAlignRight = "\uf038";   // align-right
inline constexpr const char* kTerminal = "\uf120";     // terminal
inline constexpr const char* kFilter = "\uf0b0";       // filter
inline constexpr const char* kSearch = "\uf002";       // search
inline constexpr const char* kLockOpen = "\uf09c";     // unlock
inline constexpr const char* kCircle = "\uf111";       // circle
inline constexpr const char* kArrowRight = "\uf061";   // arrow-right
inline constexpr const char* kHistory = "\uf1da";      // history
inline constexpr const char* kBars = "\uf0c9";         // bars

// Every codepoint above, for the font atlas's glyph ranges.
inline constexpr std::array kIconCodepoints{
    0xf0e8u, 0xf046u, 0xf188u, 0xf201u, 0xf0e4u, 0xf2dbu, 0xf0f6u, 0xf132u, 0xf023u, 0xf013u, 0xf135u, 0xf084u,
    0xf1c0u, 0xf1e6u, 0xf0c2u, 0xf10bu, 0xf019u, 0xf275u, 0xf007u, 0xf0acu, 0xf247u, 0xf15bu, 0xf07cu, 0xf07bu,
    0xf0c7u, 0xf0e2u, 0xf01eu, 0xf0c4u, 0xf0c5u, 0xf0eau, 0xf1f8u, 0xf00eu, 0xf010u, 0xf065u, 0xf00au, 0xf071u,
    0xf06au, 0xf00cu, 0xf00du, 0xf148u, 0xf015u, 0xf0c1u, 0xf05au, 0xf11cu, 0xf186u, 0xf185u, 0xf017u, 0xf067u,
    0xf036u, 0xf037u, 0xf038u, 0xf120u, 0xf0b0u, 0xf002u, 0xf09cu, 0xf111u, 0xf061u, 0xf1dau, 0xf0c9u,
};

}  // namespace bulwark::app::icon
