// bulwark-cli schema: the element kinds and attributes the project format accepts (Markdown or JSON),
// the source of the attribute reference in docs/format.md.
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/cli/cli.hpp"
#include "model/schema.hpp"

namespace bulwark::cli {

namespace {

std::string_view typeName(const model::AttrDef& d) {
    switch (d.type) {
        case model::AttrType::Bool: return "bool";
        case model::AttrType::Int: return "integer";
        case model::AttrType::Number: return "number";
        case model::AttrType::Text: return "text";
        case model::AttrType::Enum: return "one of";
        case model::AttrType::EnumList: return "list of";
    }
    return "?";
}

void markdownTable(std::span<const model::AttrDef> defs) {
    fmt::print("| attribute | type | values | default | meaning |\n|---|---|---|---|---|\n");
    for (const auto& d : defs)
        fmt::print("| `{}` | {} | {} | {} | {} |\n", d.name, typeName(d), fmt::join(d.values, ", "),
                   d.defaultValue.empty() ? "-" : std::string(d.defaultValue), d.help);
    fmt::print("\n");
}

nlohmann::json jsonAttrs(std::span<const model::AttrDef> defs) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : defs) {
        nlohmann::json values = nlohmann::json::array();
        for (auto v : d.values) values.push_back(std::string(v));
        out.push_back({{"name", std::string(d.name)}, {"type", std::string(typeName(d))}, {"values", values},
                       {"default", std::string(d.defaultValue)}, {"help", std::string(d.help)}});
    }
    return out;
}

}  // namespace

void addSchemaCommand(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("schema", "Element kinds and their attributes (Markdown, or --json)");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json, "Machine-readable output");
    cmd->callback([json, &ctx] {
        ctx.exitCode = kExitOk;
        if (*json) {
            nlohmann::json j;
            for (auto k : model::allComponentKinds())
                j["components"].push_back({{"kind", std::string(model::componentKindName(k))},
                                           {"label", std::string(model::componentKindLabel(k))},
                                           {"attributes", jsonAttrs(model::componentAttributes(k))}});
            for (auto b : model::allBoundaryKinds())
                j["boundaries"].push_back({{"kind", std::string(model::boundaryKindName(b))},
                                           {"label", std::string(model::boundaryKindLabel(b))}});
            j["flow_attributes"] = jsonAttrs(model::flowAttributes());
            fmt::print("{}\n", j.dump(2));
            return;
        }
        for (auto k : model::allComponentKinds()) {
            if (k == model::ComponentKind::DataStore) continue;  // shares key_store's attributes
            fmt::print("#### `{}`{}: {}\n\n", model::componentKindName(k),
                       k == model::ComponentKind::KeyStore ? " and `data_store`" : "", model::componentKindLabel(k));
            markdownTable(model::componentAttributes(k));
        }
        fmt::print("#### Flow attributes\n\n");
        markdownTable(model::flowAttributes());
    });
}

}  // namespace bulwark::cli
