// Placeholder translation unit so the target exists before the exporters land (issue 6).
namespace bulwark::exporting {
int exportVersion() { return 1; }
}  // namespace bulwark::exporting
