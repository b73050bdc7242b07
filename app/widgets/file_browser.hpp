// An in-app file browser popup for opening and saving files and choosing folders, so the app needs no
// desktop portal or toolkit dialog (it runs under a bare X server, Wayland or a remote session alike).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace bulwark::app {

// Folder: chooses the folder shown, or a new subfolder typed in the name field (created by the caller).
enum class FileBrowserMode { Open, Save, Folder };
enum class FileBrowserOutcome { None, Chosen, Cancelled };

struct FileBrowserState {
    bool requestOpen = false;  // set to show the popup on the next frame
    FileBrowserMode mode = FileBrowserMode::Open;
    std::string title = "Open project";
    std::filesystem::path dir;  // folder shown
    std::string pathText;       // editable path bar
    std::string fileName;       // Save: the name typed
    std::vector<std::string> extensions{".yaml", ".yml"};  // files listed; Save appends the first when none is typed
    std::vector<std::filesystem::path> places;  // shortcuts on the left (home, examples, recent folders)
    std::filesystem::path chosen;               // set when the outcome is Chosen
    std::string error;
    bool confirmOverwrite = false;
    int purpose = 0;  // the caller's tag: what to do with the chosen file

    // Listing cache (refreshed when `dir` changes).
    std::filesystem::path listedDir;
    std::vector<std::filesystem::path> folders;
    std::vector<std::filesystem::path> files;
    std::string selected;  // file name selected in the list
};

inline const std::vector<std::string> kProjectExtensions{".yaml", ".yml"};

// Opens the browser on the next frame, listing files with one of `extensions` (Folder mode lists them
// greyed, for orientation).
void openFileBrowser(FileBrowserState& s, FileBrowserMode mode, std::string title, const std::filesystem::path& startDir,
                     int purpose, std::string suggestedName = {},
                     const std::vector<std::string>& extensions = kProjectExtensions);

// Draws the popup when open. Returns Chosen once, with s.chosen set, or Cancelled.
FileBrowserOutcome drawFileBrowser(FileBrowserState& s);

}  // namespace bulwark::app
