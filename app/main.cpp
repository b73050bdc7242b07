// bulwark: the desktop app. main stays a thin shell; everything lives in bulwark_app.
namespace bulwark::app {
int runApp(int argc, char** argv);
}
int main(int argc, char** argv) { return bulwark::app::runApp(argc, argv); }
