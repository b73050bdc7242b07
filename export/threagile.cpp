#include "export/threagile.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "export/interchange.hpp"
#include "export/text_escape.hpp"
#include "model/rules.hpp"
#include "model/topology.hpp"

namespace bulwark::exporting {

namespace {

// Data assets: one per kind of data the architecture carries or holds, with CIA ratings for an IoT product.
struct DataKind {
    std::string_view word;  // our vocabulary (flow `carries`, store `holds`)
    std::string_view title;
    std::string_view confidentiality;
    std::string_view integrity;
    std::string_view availability;
};
constexpr DataKind kDataKinds[] = {
    {"firmware", "Firmware images", "internal", "mission-critical", "important"},
    {"commands", "Device commands", "confidential", "critical", "important"},
    {"config", "Device configuration", "confidential", "critical", "operational"},
    {"credentials", "Credentials", "strictly-confidential", "critical", "important"},
    {"keys", "Cryptographic keys", "strictly-confidential", "mission-critical", "important"},
    {"certificates", "Certificates", "public", "critical", "important"},
    {"pii", "Personal data", "strictly-confidential", "important", "operational"},
    {"telemetry", "Telemetry", "internal", "important", "operational"},
    {"logs", "Logs", "confidential", "important", "operational"},
    {"crash-reports", "Crash reports", "confidential", "important", "operational"},
    {"video", "Video", "strictly-confidential", "important", "operational"},
    {"audio", "Audio", "strictly-confidential", "important", "operational"},
};

const DataKind* dataKind(std::string_view word) {
    for (const auto& d : kDataKinds)
        if (d.word == word) return &d;
    return nullptr;
}

int rank(std::string_view v) {
    static constexpr std::string_view kOrder[] = {"public", "internal", "restricted", "confidential",
                                                  "strictly-confidential", "archive", "operational", "important",
                                                  "critical", "mission-critical"};
    for (int i = 0; i < 10; ++i)
        if (kOrder[i] == v) return i % 5;
    return 0;
}

std::string_view technicalType(model::ComponentKind k) {
    switch (k) {
        case model::ComponentKind::User:
        case model::ComponentKind::ExternalSystem: return "external-entity";
        case model::ComponentKind::KeyStore:
        case model::ComponentKind::DataStore: return "datastore";
        default: return "process";
    }
}

std::string_view technology(const model::Component& c) {
    switch (c.kind) {
        case model::ComponentKind::Device: return "iot-device";
        case model::ComponentKind::SecureElement: return "hsm";
        case model::ComponentKind::KeyStore: {
            std::string loc = model::attrText(c, "location");
            if (loc == "cloud") return "vault";
            return loc == "se" || loc == "tpm" || model::attrBool(c, "hardware_backed") ? "hsm" : "local-file-system";
        }
        case model::ComponentKind::DataStore: return model::attrText(c, "location") == "cloud" ? "database" : "local-file-system";
        case model::ComponentKind::Interface: return "tool";
        case model::ComponentKind::CloudService: return "web-service-rest";
        case model::ComponentKind::MobileApp: return "mobile-app";
        case model::ComponentKind::UpdateServer: return "web-server";
        case model::ComponentKind::FactoryStation: return "tool";
        case model::ComponentKind::User: return "browser";
        default: return "unknown-technology";
    }
}

std::string linkProtocol(const model::Flow& f) {
    const std::string p = model::attrText(f, "protocol");
    const bool enc = model::attrBool(f, "encrypted");
    if (p == "http" || p == "https" || p == "ssh" || p == "ftp" || p == "sftp") return p;
    if (p == "mqtt") return enc ? "binary-encrypted" : "mqtt";
    if (p == "websocket") return "ws";
    if (p == "wss") return "wss";
    if (p == "telnet") return "text";
    if (p == "ipc") return "in-process-library-call";
    return enc ? "binary-encrypted" : "binary";
}

std::string_view authentication(const model::Flow& f) {
    if (model::attrBool(f, "mutual_auth")) return "client-certificate";
    const std::string a = model::attrText(f, "auth");
    if (a == "password" || a == "default-password" || a == "psk") return "credentials";
    if (a == "token") return "token";
    if (a == "cert") return "client-certificate";
    return "none";
}

std::string_view boundaryType(const model::Boundary& b) {
    switch (b.kind) {
        case model::BoundaryKind::Lan: return "network-on-prem";
        case model::BoundaryKind::Internet: return "network-cloud-provider";
        case model::BoundaryKind::Factory: return "network-dedicated-hoster";
        default: return "execution-environment";
    }
}

std::string clean(std::string_view s) { return sanitizeUtf8(s); }

// Threagile keys maps by title; titles must be unique.
std::string uniqueTitle(std::set<std::string>& used, const std::string& name, const std::string& id) {
    std::string t = clean(name.empty() ? id : name);
    if (used.contains(t)) t = fmt::format("{} ({})", t, id);
    used.insert(t);
    return t;
}

}  // namespace

std::string toThreagile(const model::Project& p, const model::ThreatReport* findings) {
    // Data assets in use, in vocabulary order.
    std::set<std::string> words;
    for (const auto& f : p.flows)
        for (const auto& w : model::attrList(f, "carries")) words.insert(w);
    for (const auto& c : p.components)
        if (c.kind == model::ComponentKind::KeyStore || c.kind == model::ComponentKind::DataStore)
            for (const auto& w : model::attrList(c, "holds")) words.insert(w);

    std::set<std::string> tags{"iot"};
    for (const auto& c : p.components) {
        tags.insert("iot:" + std::string(model::componentKindName(c.kind)));
        if (c.kind == model::ComponentKind::Interface) tags.insert("iot:" + model::attrText(c, "type"));
    }
    for (const auto& b : p.boundaries) tags.insert("iot:boundary-" + std::string(model::boundaryKindName(b.kind)));
    for (const auto& f : p.flows) tags.insert("protocol:" + model::attrText(f, "protocol"));

    YAML::Emitter y;
    y << YAML::BeginMap;
    y << YAML::Key << "threagile_version" << YAML::Value << "1.0.0";
    y << YAML::Key << "title" << YAML::Value << clean(p.info.name.empty() ? p.info.id : p.info.name);
    y << YAML::Key << "author" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value
      << clean(p.info.owner.empty() ? "unknown" : p.info.owner) << YAML::Key << "homepage" << YAML::Value << ""
      << YAML::EndMap;
    y << YAML::Key << "management_summary_comment" << YAML::Value
      << "Exported from Bulwark (IoT device threat model). Physical interfaces, boot stages and key stores are "
         "technical assets tagged iot:<kind>.";
    y << YAML::Key << "business_criticality" << YAML::Value << "important";
    y << YAML::Key << "business_overview" << YAML::Value << YAML::BeginMap << YAML::Key << "description" << YAML::Value
      << clean(p.info.description) << YAML::Key << "images" << YAML::Value << YAML::BeginSeq << YAML::EndSeq << YAML::EndMap;
    y << YAML::Key << "technical_overview" << YAML::Value << YAML::BeginMap << YAML::Key << "description" << YAML::Value
      << clean(fmt::format("{} components, {} data flows, {} trust boundaries; fleet of {} devices.", p.components.size(),
                           p.flows.size(), p.boundaries.size(), p.info.fleetSize))
      << YAML::Key << "images" << YAML::Value << YAML::BeginSeq << YAML::EndSeq << YAML::EndMap;
    y << YAML::Key << "questions" << YAML::Value << YAML::BeginMap << YAML::EndMap;
    y << YAML::Key << "abuse_cases" << YAML::Value << YAML::BeginMap << YAML::EndMap;
    y << YAML::Key << "security_requirements" << YAML::Value << YAML::BeginMap << YAML::EndMap;
    y << YAML::Key << "tags_available" << YAML::Value << YAML::BeginSeq;
    for (const auto& t : tags) y << clean(t);
    y << YAML::EndSeq;

    y << YAML::Key << "data_assets" << YAML::Value << YAML::BeginMap;
    for (const auto& d : kDataKinds) {
        if (!words.contains(std::string(d.word))) continue;
        y << YAML::Key << std::string(d.title) << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "id" << YAML::Value << std::string(d.word);
        y << YAML::Key << "description" << YAML::Value << fmt::format("{} carried or stored by the device and its services", d.title);
        y << YAML::Key << "usage" << YAML::Value << (d.word == "firmware" || d.word == "logs" || d.word == "crash-reports" ? "devops" : "business");
        y << YAML::Key << "tags" << YAML::Value << YAML::BeginSeq << "iot" << YAML::EndSeq;
        y << YAML::Key << "origin" << YAML::Value << "";
        y << YAML::Key << "owner" << YAML::Value << clean(p.info.owner);
        y << YAML::Key << "quantity" << YAML::Value << (p.info.fleetSize > 10000 ? "very-many" : "many");
        y << YAML::Key << "confidentiality" << YAML::Value << std::string(d.confidentiality);
        y << YAML::Key << "integrity" << YAML::Value << std::string(d.integrity);
        y << YAML::Key << "availability" << YAML::Value << std::string(d.availability);
        y << YAML::Key << "justification_cia_rating" << YAML::Value << "Bulwark's default rating for this kind of IoT data";
        y << YAML::EndMap;
    }
    y << YAML::EndMap;

    std::set<std::string> usedTitles;
    std::map<std::string, std::string> titleOf;  // component id -> asset title
    for (const auto& c : p.components) titleOf[c.id] = uniqueTitle(usedTitles, c.name, c.id);

    y << YAML::Key << "technical_assets" << YAML::Value << YAML::BeginMap;
    for (const auto& c : p.components) {
        std::set<std::string> processed, stored;
        for (const auto* f : model::flowsOutOf(p, c.id))
            for (const auto& w : model::attrList(*f, "carries")) processed.insert(w);
        for (const auto* f : model::flowsInto(p, c.id))
            for (const auto& w : model::attrList(*f, "carries")) processed.insert(w);
        if (c.kind == model::ComponentKind::KeyStore || c.kind == model::ComponentKind::DataStore)
            for (const auto& w : model::attrList(c, "holds")) stored.insert(w);
        std::string conf = "internal", integ = "important", avail = "important";
        for (const auto& set : {processed, stored})
            for (const auto& w : set)
                if (const DataKind* d = dataKind(w)) {
                    if (rank(d->confidentiality) > rank(conf)) conf = d->confidentiality;
                    if (rank(d->integrity) > rank(integ)) integ = d->integrity;
                }
        bool internet = false;
        for (const auto& b : model::enclosingBoundaries(p, c.id))
            if (const model::Boundary* bd = p.boundary(b); bd && bd->kind == model::BoundaryKind::Internet) internet = true;
        const bool cloudish = c.kind == model::ComponentKind::CloudService || c.kind == model::ComponentKind::UpdateServer;

        y << YAML::Key << titleOf[c.id] << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "id" << YAML::Value << c.id;
        y << YAML::Key << "description" << YAML::Value << clean(c.description.empty() ? c.name : c.description);
        y << YAML::Key << "type" << YAML::Value << std::string(technicalType(c.kind));
        y << YAML::Key << "usage" << YAML::Value << (c.kind == model::ComponentKind::FactoryStation ? "devops" : "business");
        y << YAML::Key << "used_as_client_by_human" << YAML::Value
          << (c.kind == model::ComponentKind::User || c.kind == model::ComponentKind::MobileApp);
        y << YAML::Key << "out_of_scope" << YAML::Value << false;
        y << YAML::Key << "justification_out_of_scope" << YAML::Value << "";
        y << YAML::Key << "size" << YAML::Value << (c.kind == model::ComponentKind::Device ? "system" : "component");
        y << YAML::Key << "technology" << YAML::Value << std::string(technology(c));
        y << YAML::Key << "tags" << YAML::Value << YAML::BeginSeq << "iot:" + std::string(model::componentKindName(c.kind));
        if (c.kind == model::ComponentKind::Interface) y << "iot:" + model::attrText(c, "type");
        y << YAML::EndSeq;
        y << YAML::Key << "internet" << YAML::Value << internet;
        y << YAML::Key << "machine" << YAML::Value << (cloudish ? "virtual" : "physical");
        y << YAML::Key << "encryption" << YAML::Value
          << (model::attrBool(c, "encrypted") ? "data-with-enduser-individual-key" : "none");
        y << YAML::Key << "owner" << YAML::Value << clean(p.info.owner);
        y << YAML::Key << "confidentiality" << YAML::Value << conf;
        y << YAML::Key << "integrity" << YAML::Value << integ;
        y << YAML::Key << "availability" << YAML::Value << avail;
        y << YAML::Key << "justification_cia_rating" << YAML::Value << "Highest rating of the data it processes or stores";
        y << YAML::Key << "multi_tenant" << YAML::Value << cloudish;
        y << YAML::Key << "redundant" << YAML::Value << false;
        y << YAML::Key << "custom_developed_parts" << YAML::Value
          << (c.kind == model::ComponentKind::Process || c.kind == model::ComponentKind::BootStage ||
              c.kind == model::ComponentKind::CloudService || c.kind == model::ComponentKind::MobileApp);
        y << YAML::Key << "data_assets_processed" << YAML::Value << YAML::BeginSeq;
        for (const auto& w : processed)
            if (dataKind(w)) y << w;
        y << YAML::EndSeq;
        y << YAML::Key << "data_assets_stored" << YAML::Value << YAML::BeginSeq;
        for (const auto& w : stored)
            if (dataKind(w)) y << w;
        y << YAML::EndSeq;
        y << YAML::Key << "data_formats_accepted" << YAML::Value << YAML::BeginSeq << YAML::EndSeq;
        y << YAML::Key << "communication_links" << YAML::Value << YAML::BeginMap;
        std::set<std::string> linkTitles;
        for (const auto* f : model::flowsOutOf(p, c.id)) {
            y << YAML::Key << uniqueTitle(linkTitles, f->name, f->id) << YAML::Value << YAML::BeginMap;
            y << YAML::Key << "target" << YAML::Value << f->to;
            y << YAML::Key << "description" << YAML::Value << clean(f->description.empty() ? f->name : f->description);
            y << YAML::Key << "protocol" << YAML::Value << linkProtocol(*f);
            std::string_view auth = authentication(*f);
            y << YAML::Key << "authentication" << YAML::Value << std::string(auth);
            y << YAML::Key << "authorization" << YAML::Value << (auth == "none" ? "none" : "technical-user");
            y << YAML::Key << "tags" << YAML::Value << YAML::BeginSeq << "protocol:" + model::attrText(*f, "protocol")
              << YAML::EndSeq;
            y << YAML::Key << "vpn" << YAML::Value << false;
            y << YAML::Key << "ip_filtered" << YAML::Value << false;
            y << YAML::Key << "readonly" << YAML::Value << false;
            y << YAML::Key << "usage" << YAML::Value << "business";
            y << YAML::Key << "data_assets_sent" << YAML::Value << YAML::BeginSeq;
            for (const auto& w : model::attrList(*f, "carries"))
                if (dataKind(w)) y << w;
            y << YAML::EndSeq;
            y << YAML::Key << "data_assets_received" << YAML::Value << YAML::BeginSeq << YAML::EndSeq;
            y << YAML::EndMap;
        }
        y << YAML::EndMap;
        y << YAML::EndMap;
    }
    y << YAML::EndMap;

    y << YAML::Key << "trust_boundaries" << YAML::Value << YAML::BeginMap;
    std::set<std::string> boundaryTitles;
    for (const auto& b : p.boundaries) {
        y << YAML::Key << uniqueTitle(boundaryTitles, b.name, b.id) << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "id" << YAML::Value << b.id;
        y << YAML::Key << "description" << YAML::Value << clean(b.description.empty() ? b.name : b.description);
        y << YAML::Key << "type" << YAML::Value << std::string(boundaryType(b));
        y << YAML::Key << "tags" << YAML::Value << YAML::BeginSeq << "iot:boundary-" + std::string(model::boundaryKindName(b.kind))
          << YAML::EndSeq;
        y << YAML::Key << "technical_assets_inside" << YAML::Value << YAML::BeginSeq;
        for (const auto& c : p.components)
            if (c.boundary == b.id) y << c.id;
        y << YAML::EndSeq;
        y << YAML::Key << "trust_boundaries_nested" << YAML::Value << YAML::BeginSeq;
        for (const auto& child : p.boundaries)
            if (child.parent == b.id) y << child.id;
        y << YAML::EndSeq;
        y << YAML::EndMap;
    }
    y << YAML::EndMap;
    y << YAML::Key << "shared_runtimes" << YAML::Value << YAML::BeginMap << YAML::EndMap;

    // Open findings as individual risk categories, one per rule.
    y << YAML::Key << "individual_risk_categories" << YAML::Value << YAML::BeginMap;
    if (findings) {
        std::map<std::string, std::vector<const model::Finding*>> byRule;
        std::vector<std::string> ruleOrder;
        for (const auto& f : findings->findings) {
            if (!f.isOpen()) continue;
            if (!byRule.contains(f.rule)) ruleOrder.push_back(f.rule);
            byRule[f.rule].push_back(&f);
        }
        std::set<std::string> categoryTitles;
        for (const auto& rule : ruleOrder) {
            const model::Rule* def = byRule[rule].front()->def;
            std::string title = uniqueTitle(categoryTitles, def ? def->title : rule, rule);
            y << YAML::Key << title << YAML::Value << YAML::BeginMap;
            y << YAML::Key << "id" << YAML::Value << slugify(rule);
            y << YAML::Key << "description" << YAML::Value << clean(def ? def->description : "");
            y << YAML::Key << "impact" << YAML::Value << clean(def ? def->rationale : "");
            y << YAML::Key << "asvs" << YAML::Value << "";
            y << YAML::Key << "cheat_sheet" << YAML::Value << "";
            y << YAML::Key << "action" << YAML::Value << "Mitigate";
            std::string mitigation;
            if (def)
                for (const auto& m : def->mitigations) mitigation += (mitigation.empty() ? "" : " ") + m.action;
            y << YAML::Key << "mitigation" << YAML::Value << clean(mitigation);
            y << YAML::Key << "check" << YAML::Value << clean(def && !def->criteria.empty()
                                                                   ? "Bulwark checklist criteria: " + fmt::format("{}", fmt::join(def->criteria, ", "))
                                                                   : std::string());
            y << YAML::Key << "function" << YAML::Value << "architecture";
            y << YAML::Key << "stride" << YAML::Value
              << std::string(def && !def->stride.empty() ? model::strideName(def->stride.front()) : "tampering");
            y << YAML::Key << "detection_logic" << YAML::Value << clean(def ? def->when.describe() : "");
            y << YAML::Key << "risk_assessment" << YAML::Value << "Likelihood x impact from Bulwark's rule and the element's attributes";
            y << YAML::Key << "false_positives" << YAML::Value << clean(def ? def->falsePositives : "");
            y << YAML::Key << "model_failure_possible_reason" << YAML::Value << false;
            y << YAML::Key << "cwe" << YAML::Value << (def && !def->cwe.empty() ? def->cwe.front() : 0);
            y << YAML::Key << "risks_identified" << YAML::Value << YAML::BeginMap;
            for (const model::Finding* f : byRule[rule]) {
                y << YAML::Key << clean(fmt::format("{} at {}", def ? def->title : rule, f->elementName)) << YAML::Value
                  << YAML::BeginMap;
                y << YAML::Key << "severity" << YAML::Value << std::string(model::severityName(f->severity));
                y << YAML::Key << "exploitation_likelihood" << YAML::Value << std::string(model::likelihoodName(f->likelihood));
                y << YAML::Key << "exploitation_impact" << YAML::Value << std::string(model::impactName(f->impact));
                y << YAML::Key << "data_breach_probability" << YAML::Value
                  << (f->impact >= 3 ? "probable" : (f->impact == 2 ? "possible" : "improbable"));
                std::string asset = f->element;
                if (f->elementIsFlow)
                    if (const model::Flow* fl = p.flow(f->element)) asset = fl->from;
                y << YAML::Key << "data_breach_technical_assets" << YAML::Value << YAML::BeginSeq << asset << YAML::EndSeq;
                if (f->elementIsFlow) y << YAML::Key << "most_relevant_communication_link" << YAML::Value << f->element;
                else y << YAML::Key << "most_relevant_technical_asset" << YAML::Value << f->element;
                y << YAML::EndMap;
            }
            y << YAML::EndMap;
            y << YAML::EndMap;
        }
    }
    y << YAML::EndMap;
    y << YAML::EndMap;
    std::string id = clean(p.info.id);
    std::replace_if(id.begin(), id.end(), [](char ch) { return ch == '\n' || ch == '\r'; }, ' ');
    return "# Threagile model exported by Bulwark from project '" + id + "'\n" + y.c_str() + "\n";
}

}  // namespace bulwark::exporting
