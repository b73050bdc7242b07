// The generator on every shipped board and both profiles: every expectation passes, the key secure
// settings are asserted here independently of the expectation files, a development tree is marked and
// is not release-grade, each rule really reads the file it names, and the manifests trace settings to
// the checklist.
#include "export/firmware.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/catalogue.hpp"
#include "model/project_io.hpp"

namespace fs = std::filesystem;
using namespace bulwark::exporting;
using bulwark::model::Catalogue;
using bulwark::model::Project;

namespace {

fs::path sourceDir() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    return fs::path(src ? src : BULWARK_SOURCE_DIR);
}

struct World {
    Catalogue checklist;
    BoardCatalogue boards;
    std::vector<KnownDevKey> devKeys;
    Project sensor;    // Wi-Fi + BLE + cloud + OTA
    Project minimal;   // no radios, no cloud, no OTA
};

const World& world() {
    static const World w = [] {
        World x;
        auto cat = bulwark::model::loadCatalogue(sourceDir() / "templates" / "checklists");
        if (!cat) ADD_FAILURE() << cat.error().front().str();
        else x.checklist = std::move(*cat);
        auto boards = loadBoardCatalogue(sourceDir() / "templates" / "boards");
        if (!boards) ADD_FAILURE() << boards.error().front().str();
        else x.boards = std::move(*boards);
        auto keys = loadKnownDevKeys(sourceDir() / "templates" / "boards" / "known-dev-keys.yaml");
        if (!keys) ADD_FAILURE() << keys.error().front().str();
        else x.devKeys = std::move(*keys);
        auto p = bulwark::model::loadProject(fs::path(BULWARK_TEST_DATA) / "data" / "sensor.yaml");
        if (!p) ADD_FAILURE() << p.error().front().str();
        else x.sensor = std::move(*p);
        x.minimal.info.id = "plain-unit";
        x.minimal.info.name = "Plain unit";
        bulwark::model::Component dev;
        dev.id = "mcu";
        dev.name = "MCU";
        dev.kind = bulwark::model::ComponentKind::Device;
        x.minimal.components.push_back(dev);
        return x;
    }();
    return w;
}

FirmwarePlan plan(const std::string& board, Profile profile, const Project* project = nullptr) {
    const World& w = world();
    const Board* b = w.boards.find(board);
    if (!b) {
        ADD_FAILURE() << "no board " << board;
        return {};
    }
    FirmwareInputs in{project ? *project : w.sensor, *b, w.boards, w.checklist, w.devKeys, profile};
    auto p = planFirmware(in);
    if (!p) {
        std::string all;
        for (const auto& e : p.error()) all += e.str() + "\n";
        ADD_FAILURE() << board << " (" << profileName(profile) << "):\n" << all;
        return {};
    }
    return std::move(*p);
}

std::string contentOf(const FirmwarePlan& p, std::string_view path) {
    const GeneratedFile* f = p.file(path);
    EXPECT_NE(f, nullptr) << "missing " << path;
    return f ? f->content : std::string();
}

bool hasLine(const std::string& text, std::string_view line) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view l(text.data() + start, end - start);
        while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
        while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.remove_suffix(1);
        if (l == line) return true;
        start = end + 1;
    }
    return false;
}

const std::vector<std::string>& allBoards() {
    static const std::vector<std::string> ids{"esp32-s3", "esp32-c3", "nrf5340",       "nrf52840", "stm32u585",
                                              "rp2350",   "rpi-cm4",  "rpi5",          "imx8mp",   "generic-linux",
                                              "rpi3",     "mps2-an505"};
    return ids;
}

}  // namespace

class EveryBoard : public ::testing::TestWithParam<std::tuple<std::string, Profile>> {};

TEST_P(EveryBoard, EveryExpectationPassesAndPathsAreSafe) {
    const auto& [board, profile] = GetParam();
    const FirmwarePlan p = plan(board, profile);
    ASSERT_FALSE(p.files.empty());
    EXPECT_EQ(p.check.count(CheckStatus::Fail), 0u);
    EXPECT_GE(p.check.count(CheckStatus::Pass), 10u) << board;
    std::set<std::string> seen;
    for (const auto& f : p.files) {
        EXPECT_EQ(checkRelativePath(f.path), "") << f.path;
        EXPECT_TRUE(seen.insert(f.path).second) << f.path;
        EXPECT_EQ(f.content.find("{{"), std::string::npos) << f.path << " has an unrendered tag";
    }
    EXPECT_NE(p.file("SECURITY-MANIFEST.md"), nullptr);
    EXPECT_NE(p.file("SECURITY-MANIFEST.json"), nullptr);
    EXPECT_NE(p.file("README.md"), nullptr);
    EXPECT_NE(p.file("provision/provision.sh"), nullptr);
    EXPECT_TRUE(p.file("provision/provision.sh")->executable);
}

TEST_P(EveryBoard, DevelopmentIsMarkedEverywhereAndReleaseNowhere) {
    const auto& [board, profile] = GetParam();
    const FirmwarePlan p = plan(board, profile);
    for (const auto& f : p.files) {
        // JSON and bare version files cannot hold comments; the manifest's "profile" covers them.
        if (f.path.ends_with(".json") || f.path == "version.txt" || f.path == "VERSION") continue;
        const bool marked = f.content.find(kDevelopmentMarker) != std::string::npos;
        EXPECT_EQ(marked, profile == Profile::Development) << board << " " << f.path;
    }
    const auto j = nlohmann::json::parse(contentOf(p, "SECURITY-MANIFEST.json"));
    EXPECT_EQ(j.at("profile"), std::string(profileName(profile)));
    EXPECT_EQ(j.at("production_ready"), profile == Profile::Release);
}

TEST_P(EveryBoard, EveryRuleReadsTheFileItNames) {
    // Mutation check: deleting the lines that carry a setting must turn its PASS into a FAIL, so no rule
    // passes vacuously.
    const auto& [board, profile] = GetParam();
    const FirmwarePlan p = plan(board, profile);
    const World& w = world();
    const TemplateValue ctx = firmwareContext({w.sensor, *w.boards.find(board), w.boards, w.checklist, w.devKeys, profile});
    const FlagLookup flags = [&ctx](std::string_view flag) {
        const TemplateValue* v = ctx.path(flag);
        return v && v->isBool() && v->flag();
    };
    int mutated = 0;
    for (const auto& r : p.check.results) {
        if (!r.rule || r.status != CheckStatus::Pass || r.rule->format == ConfigFormat::Json) continue;
        const std::string raw =
            (profile == Profile::Development && r.rule->devExpect) ? *r.rule->devExpect : r.rule->expect;
        if (raw == kAbsent) continue;  // nothing to delete
        const std::string original = contentOf(p, r.file);
        // INI names are "section.key" and YAML names dotted paths: the line carries only the last key.
        const std::string lastKey = r.name.substr(r.name.rfind('.') + 1);
        const std::string needle = r.rule->format == ConfigFormat::Ini    ? lastKey
                                   : r.rule->format == ConfigFormat::Yaml ? lastKey + ":"
                                                                          : r.name;
        std::string changed;
        std::size_t start = 0;
        while (start < original.size()) {
            std::size_t end = original.find('\n', start);
            if (end == std::string::npos) end = original.size();
            const std::string line = original.substr(start, end - start);
            if (line.find(needle) == std::string::npos) changed += line + "\n";
            start = end + 1;
        }
        ASSERT_TRUE(changed != original) << board << " " << r.ruleId << " names nothing in " << r.file;
        const FileLookup files = [&](std::string_view path) -> const std::string* {
            if (path == r.file) return &changed;
            const GeneratedFile* f = p.file(path);
            return f ? &f->content : nullptr;
        };
        Expectations one;
        one.rules.push_back(*r.rule);
        const auto report = checkExpectations(one, profile, files, flags);
        EXPECT_EQ(report.results.front().status, CheckStatus::Fail) << board << " " << r.ruleId << " still passes";
        ++mutated;
    }
    EXPECT_GT(mutated, 5) << board;
}

INSTANTIATE_TEST_SUITE_P(Firmware, EveryBoard,
                         ::testing::Combine(::testing::ValuesIn(allBoards()),
                                            ::testing::Values(Profile::Release, Profile::Development)),
                         [](const auto& param) {
                             std::string name = std::get<0>(param.param) + "_" +
                                                std::string(profileName(std::get<1>(param.param)));
                             for (char& c : name)
                                 if (c == '-') c = '_';
                             return name;
                         });

TEST(FirmwareProfiles, DevelopmentTreesAreNotReleaseGrade) {
    // Checked against the release expectations, a development tree must fail: the profile is a real switch.
    for (const auto& board : allBoards()) {
        const FirmwarePlan dev = plan(board, Profile::Development);
        const FileLookup files = [&](std::string_view path) -> const std::string* {
            const GeneratedFile* f = dev.file(path);
            return f ? &f->content : nullptr;
        };
        const auto r = checkExpectations(dev.expectations, Profile::Release, files, [](std::string_view) { return false; });
        EXPECT_GT(r.count(CheckStatus::Fail), 0u) << board;
    }
}

TEST(FirmwareSettings, Esp32S3ReleaseHasTheSecureDefaults) {
    const FirmwarePlan p = plan("esp32-s3", Profile::Release);
    const std::string sdk = contentOf(p, "sdkconfig.defaults");
    for (const char* line : {"CONFIG_SECURE_BOOT=y", "CONFIG_SECURE_BOOT_V2_ENABLED=y", "CONFIG_SECURE_FLASH_ENC_ENABLED=y",
                             "CONFIG_SECURE_FLASH_ENCRYPTION_MODE_RELEASE=y", "CONFIG_SECURE_DISABLE_ROM_DL_MODE=y",
                             "# CONFIG_SECURE_BOOT_ALLOW_JTAG is not set", "CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK=y",
                             "CONFIG_ESP_TLS_USE_DS_PERIPHERAL=y", "CONFIG_ESP_COREDUMP_ENABLE_TO_FLASH=y",
                             "CONFIG_ESP_TASK_WDT_PANIC=y", "CONFIG_COMPILER_STACK_CHECK_MODE_STRONG=y",
                             "CONFIG_LOG_DEFAULT_LEVEL_WARN=y", "CONFIG_BT_NIMBLE_SM_SC=y"})
        EXPECT_TRUE(hasLine(sdk, line)) << line;
    EXPECT_FALSE(hasLine(sdk, "CONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT=y"));
    EXPECT_TRUE(hasLine(contentOf(p, "sdkconfig.defaults.esp32s3"), "CONFIG_SECURE_FLASH_ENCRYPTION_AES256=y"));
    const std::string pt = contentOf(p, "partitions.csv");
    EXPECT_EQ(pt.find("\nfactory"), std::string::npos);  // anti-rollback: OTA slots only, no factory app
    EXPECT_NE(pt.find("\nota_1,"), std::string::npos);
    EXPECT_NE(p.file("main/ota_update.c"), nullptr);
}

TEST(FirmwareSettings, Esp32C3DevelopmentRelaxesOnlyBenchSettings) {
    const FirmwarePlan p = plan("esp32-c3", Profile::Development);
    const std::string sdk = contentOf(p, "sdkconfig.defaults");
    EXPECT_TRUE(hasLine(sdk, "CONFIG_SECURE_FLASH_ENCRYPTION_MODE_DEVELOPMENT=y"));
    EXPECT_TRUE(hasLine(sdk, "CONFIG_SECURE_BOOT_ALLOW_JTAG=y"));
    EXPECT_FALSE(hasLine(sdk, "CONFIG_SECURE_FLASH_ENCRYPTION_MODE_RELEASE=y"));
    // Still on in development: secure boot, anti-rollback, encrypted NVS.
    EXPECT_TRUE(hasLine(sdk, "CONFIG_SECURE_BOOT=y"));
    EXPECT_TRUE(hasLine(sdk, "CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK=y"));
    EXPECT_TRUE(hasLine(sdk, "CONFIG_NVS_ENCRYPTION=y"));
    EXPECT_TRUE(hasLine(contentOf(p, "sdkconfig.defaults.esp32c3"), "CONFIG_ESP32C3_REV_MIN_3=y"));
}

TEST(FirmwareSettings, NordicBoardsDifferWhereTheSiliconDoes) {
    const FirmwarePlan n53 = plan("nrf5340", Profile::Release);
    EXPECT_TRUE(hasLine(contentOf(n53, "sysbuild.conf"), "SB_CONFIG_MCUBOOT_HARDWARE_DOWNGRADE_PREVENTION=y"));
    EXPECT_TRUE(hasLine(contentOf(n53, "sysbuild/mcuboot.conf"), "CONFIG_NRF_SECURE_APPROTECT_LOCK=y"));
    EXPECT_TRUE(hasLine(contentOf(n53, "prj.conf"), "CONFIG_TFM_NRF_PROVISIONING=y"));
    const FirmwarePlan n52 = plan("nrf52840", Profile::Release);
    EXPECT_FALSE(hasLine(contentOf(n52, "sysbuild.conf"), "SB_CONFIG_MCUBOOT_HARDWARE_DOWNGRADE_PREVENTION=y"));
    EXPECT_TRUE(hasLine(contentOf(n52, "sysbuild/mcuboot.conf"), "CONFIG_MCUBOOT_DOWNGRADE_PREVENTION=y"));
    EXPECT_FALSE(hasLine(contentOf(n52, "prj.conf"), "CONFIG_TFM_NRF_PROVISIONING=y"));
    for (const FirmwarePlan* p : {&n53, &n52}) {
        const std::string sb = contentOf(*p, "sysbuild.conf");
        EXPECT_TRUE(hasLine(sb, "SB_CONFIG_BOOT_SIGNATURE_KEY_FILE=\"$ENV{BULWARK_KEY_DIR}/mcuboot_signing_key.pem\""));
        EXPECT_EQ(sb.find("root-ec-p256.pem"), std::string::npos);
        EXPECT_TRUE(hasLine(contentOf(*p, "prj.conf"), "CONFIG_BT_USE_DEBUG_KEYS=n"));
    }
}

TEST(FirmwareSettings, Stm32AndPicoLockDebugAndRollback) {
    const FirmwarePlan u5 = plan("stm32u585", Profile::Release);
    EXPECT_TRUE(hasLine(contentOf(u5, "boot/boot_hal_cfg.h"), "#define OEMIROT_OB_RDP_LEVEL_VALUE OB_RDP_LEVEL_2"));
    EXPECT_TRUE(hasLine(contentOf(u5, "tfm/tfm_config.cmake"), "set(TFM_DUMMY_PROVISIONING OFF CACHE BOOL \"\")"));
    EXPECT_TRUE(hasLine(contentOf(u5, "tfm/tfm_config.cmake"), "set(TFM_ISOLATION_LEVEL 2 CACHE STRING \"\")"));
    const FirmwarePlan u5dev = plan("stm32u585", Profile::Development);
    EXPECT_TRUE(hasLine(contentOf(u5dev, "boot/boot_hal_cfg.h"), "#define OEMIROT_OB_RDP_LEVEL_VALUE OB_RDP_LEVEL_1"));

    const FirmwarePlan rp = plan("rp2350", Profile::Release);
    const auto otp = nlohmann::json::parse(contentOf(rp, "otp-extra.json"));
    EXPECT_EQ(otp.at("crit1").at("debug_disable"), 1);
    EXPECT_EQ(otp.at("crit1").at("secure_boot_enable"), 1);
    EXPECT_EQ(otp.at("crit0").at("riscv_disable"), 1);
    EXPECT_TRUE(hasLine(contentOf(rp, "CMakeLists.txt"), "pico_sign_binary(app ${BULWARK_KEY_DIR}/signing_key.pem)"));
}

TEST(FirmwareSettings, LinuxBoardsVerifyBootRootAndUpdates) {
    const FirmwarePlan p = plan("rpi-cm4", Profile::Release);
    const std::string distro = contentOf(p, "meta-fw-sensor/conf/distro/fw-sensor.conf");
    EXPECT_TRUE(hasLine(distro, "UBOOT_SIGN_ENABLE = \"1\""));
    EXPECT_TRUE(hasLine(distro, "IMAGE_CLASSES += \"dm-verity-img\""));
    EXPECT_TRUE(hasLine(distro, "RPI_USE_U_BOOT = \"1\""));
    const std::string uboot = contentOf(p, "meta-fw-sensor/recipes-bsp/u-boot/files/bulwark-secure.cfg");
    EXPECT_TRUE(hasLine(uboot, "CONFIG_FIT_SIGNATURE=y"));
    EXPECT_TRUE(hasLine(uboot, "CONFIG_BOOTDELAY=-2"));
    EXPECT_TRUE(hasLine(contentOf(p, "meta-fw-sensor/recipes-core/rauc/files/system.conf"), "bundle-formats=-plain"));
    EXPECT_NE(p.file("meta-fw-sensor/recipes-kernel/linux/linux-raspberrypi_%.bbappend"), nullptr);
    const FirmwarePlan imx = plan("imx8mp", Profile::Release);
    EXPECT_TRUE(hasLine(contentOf(imx, "meta-fw-sensor/recipes-bsp/u-boot/files/bulwark-secure.cfg"), "CONFIG_IMX_HAB=y"));
    EXPECT_TRUE(hasLine(contentOf(imx, "meta-fw-sensor/conf/distro/fw-sensor.conf"), "SPL_SIGN_ENABLE = \"1\""));
}

TEST(FirmwareSettings, MutualTlsWithHardwareKeysBeyondEspAndNordic) {
    const FirmwarePlan u5 = plan("stm32u585", Profile::Release);
    const std::string u5tls = contentOf(u5, "ns_app/tls_client_config.h");
    EXPECT_TRUE(hasLine(u5tls, "#define BW_TLS_AUTHMODE MBEDTLS_SSL_VERIFY_REQUIRED"));
    EXPECT_TRUE(hasLine(u5tls, "#define BW_TLS_CLIENT_CERT_REQUIRED 1"));
    EXPECT_TRUE(hasLine(u5tls, "#define MBEDTLS_USE_PSA_CRYPTO"));
    EXPECT_TRUE(hasLine(contentOf(u5, "tfm/tfm_config.cmake"), "set(TFM_PARTITION_CRYPTO ON CACHE BOOL \"\")"));
    // The self-test checks the same TF-M key the TLS client signs with.
    EXPECT_NE(contentOf(u5, "ns_app/uplink.c").find("#include \"tls_client_config.h\""), std::string::npos);

    const FirmwarePlan rp = plan("rp2350", Profile::Release);
    const std::string rptls = contentOf(rp, "src/tls_config.h");
    EXPECT_TRUE(hasLine(rptls, "#define BW_TLS_AUTHMODE MBEDTLS_SSL_VERIFY_REQUIRED"));
    EXPECT_TRUE(hasLine(rptls, "#define BW_TLS_KEY_SOURCE_OTP 1"));
    EXPECT_TRUE(hasLine(rptls, "#define BW_TLS_KEY_OTP_PAGE_LOCKED 1"));

    for (const char* board : {"rpi-cm4", "rpi5", "imx8mp", "generic-linux", "rpi3"}) {
        const FirmwarePlan p = plan(board, Profile::Release);
        const std::string conf = contentOf(p, "meta-fw-sensor/recipes-core/bulwark-health/files/tls-client.conf");
        EXPECT_TRUE(hasLine(conf, "verify_peer=required")) << board;
        EXPECT_TRUE(hasLine(conf, "client_key=handle:0x81010002")) << board;
        EXPECT_EQ(conf.find("BEGIN"), std::string::npos) << board << ": no key material in the tree";
        EXPECT_NE(contentOf(p, "meta-fw-sensor/recipes-core/bulwark-health/bulwark-health_1.0.bb").find("file://tls-client.conf"),
                  std::string::npos)
            << board;
    }
}

TEST(FirmwareSettings, LayoutFilesFixTheUpdateSlots) {
    const FirmwarePlan u5 = plan("stm32u585", Profile::Release);
    const std::string layout = contentOf(u5, "boot/flash_layout.h");
    EXPECT_TRUE(hasLine(layout, "#define BW_FLASH_S_PRIMARY_OFFSET 0x60000"));
    EXPECT_TRUE(hasLine(layout, "#define BW_FLASH_NS_PRIMARY_OFFSET 0xE0000"));
    EXPECT_TRUE(hasLine(layout, "#define BW_FLASH_NS_SECONDARY_SIZE 0x100000"));
    for (const char* board : {"nrf5340", "nrf52840"}) {
        const FirmwarePlan p = plan(board, Profile::Release);
        const std::string pm = contentOf(p, "pm_static.yml");
        ASSERT_FALSE(pm.empty()) << board;
        // The slot rules (by YAML path) pass, and the secondary slot starts where the primary ends.
        int slotRules = 0;
        for (const auto& r : p.check.results)
            if (r.file == "pm_static.yml" && r.ruleId != "PROFILE-MARK") {
                EXPECT_EQ(r.status, CheckStatus::Pass) << board << " " << r.ruleId << ": " << r.message;
                ++slotRules;
            }
        EXPECT_GE(slotRules, 4) << board;
        EXPECT_TRUE(hasLine(pm, "end_address: 0x82000")) << board;
        EXPECT_TRUE(hasLine(pm, "address: 0x82000")) << board;
    }
}

TEST(FirmwareContext, ComponentsDriveTheStub) {
    const World& w = world();
    // Without OTA the ESP stub has no OTA client and keeps only the secure download mode.
    const FirmwarePlan p = plan("esp32-s3", Profile::Release, &w.minimal);
    EXPECT_EQ(p.file("main/ota_update.c"), nullptr);
    const std::string sdk = contentOf(p, "sdkconfig.defaults");
    EXPECT_TRUE(hasLine(sdk, "CONFIG_SECURE_ENABLE_SECURE_ROM_DL_MODE=y"));
    EXPECT_FALSE(hasLine(sdk, "CONFIG_SECURE_DISABLE_ROM_DL_MODE=y"));
    EXPECT_TRUE(hasLine(sdk, "# CONFIG_BT_ENABLED is not set"));
    EXPECT_FALSE(hasLine(sdk, "CONFIG_ESP_WIFI_ENABLE_WPA3_SAE=y"));
    EXPECT_EQ(p.check.count(CheckStatus::Fail), 0u);

    const Board* b = w.boards.find("esp32-s3");
    const TemplateValue ctx = firmwareContext({w.sensor, *b, w.boards, w.checklist, w.devKeys, Profile::Release});
    EXPECT_TRUE(ctx.find("ota")->flag());
    EXPECT_TRUE(ctx.find("wifi")->flag());
    EXPECT_TRUE(ctx.find("ble")->flag());
    EXPECT_FALSE(ctx.find("cellular")->flag());
    EXPECT_TRUE(ctx.find("cloud")->flag());
    EXPECT_EQ(ctx.path("project.slug")->text(), "fw-sensor");
    EXPECT_EQ(ctx.path("project.version_minor")->text(), "4");
    EXPECT_EQ(ctx.find("dev_keys")->items().size(), w.devKeys.size());
}

TEST(FirmwareContext, HostileProjectTextCannotEscapeOrInject) {
    Project p = world().minimal;
    p.info.id = "../../etc/passwd";
    p.info.name = "x */ #include \"evil\" {{board.id}}\n$(rm -rf /)";
    const FirmwarePlan plan1 = plan("rpi-cm4", Profile::Release, &p);
    for (const auto& f : plan1.files) {
        EXPECT_EQ(checkRelativePath(f.path), "") << f.path;
        EXPECT_EQ(f.path.find(".."), std::string::npos) << f.path;
    }
    EXPECT_NE(plan1.file("meta-etc-passwd/conf/layer.conf"), nullptr);
    const std::string readme = contentOf(plan1, "README.md");
    EXPECT_EQ(readme.find("*/"), std::string::npos);
    EXPECT_EQ(readme.find("$("), std::string::npos);
    EXPECT_EQ(readme.find("{{"), std::string::npos);
}

TEST(FirmwareManifest, TracesEverySettingToCriterionAndProperty) {
    const World& w = world();
    const FirmwarePlan p = plan("nrf52840", Profile::Release);
    const auto j = nlohmann::json::parse(contentOf(p, "SECURITY-MANIFEST.json"));
    EXPECT_EQ(j.at("board"), "nrf52840");
    const auto& settings = j.at("settings");
    ASSERT_EQ(settings.size(), p.check.results.size());
    int traced = 0;
    for (const auto& s : settings) {
        if (!s.contains("criterion")) continue;
        const auto* c = w.checklist.findCriterion(s.at("criterion").get<std::string>());
        ASSERT_NE(c, nullptr) << s.dump();
        EXPECT_EQ(s.at("property"), c->property);
        EXPECT_FALSE(s.at("rationale").get<std::string>().empty());
        ++traced;
    }
    EXPECT_GT(traced, 20);
    // The sensor answers "yes" to CMP-1, which the nRF52840 cannot back: the manifest says so.
    bool claimed = false;
    for (const auto& wv : j.at("warnings"))
        for (const auto& c : wv.at("claimed_by_project")) claimed = claimed || c == "CMP-1";
    EXPECT_TRUE(claimed);
    const std::string md = contentOf(p, "SECURITY-MANIFEST.md");
    EXPECT_NE(md.find("| NRF-SB-1 | `sysbuild.conf` | `SB_CONFIG_BOOTLOADER_MCUBOOT` | `y` | SB-1 "), std::string::npos);
    EXPECT_NE(md.find("SB-2 "), std::string::npos);
}

TEST(FirmwareKeys, ProvisioningScriptCarriesTheKnownDevKeys) {
    const World& w = world();
    ASSERT_FALSE(w.devKeys.empty());
    const FirmwarePlan p = plan("nrf5340", Profile::Release);
    const std::string script = contentOf(p, "provision/provision.sh");
    for (const auto& k : w.devKeys) EXPECT_NE(script.find(k.sha256), std::string::npos) << k.name;
    EXPECT_NE(script.find("--confirm \\\"LOCK $board_id $serial\\\""), std::string::npos);
}
