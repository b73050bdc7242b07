#include "export/firmware_check.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using namespace bulwark::exporting;

namespace {

std::string valueOf(std::string_view text, ConfigFormat f, std::string_view name) {
    const ParsedConfig pc = parseConfig(text, f);
    const std::string* v = pc.find(name);
    return v ? *v : std::string("<absent>");
}

ExpectRule rule(std::string id, std::string file, ConfigFormat f, std::string name, std::string expect) {
    ExpectRule r;
    r.id = std::move(id);
    r.file = std::move(file);
    r.format = f;
    r.name = std::move(name);
    r.expect = std::move(expect);
    r.criterion = "SB-1";
    r.rationale = "test";
    return r;
}

CheckReport check(const Expectations& exp, Profile p, const std::map<std::string, std::string>& files,
                  const std::map<std::string, bool>& flags = {}) {
    return checkExpectations(
        exp, p,
        [&](std::string_view path) -> const std::string* {
            auto it = files.find(std::string(path));
            return it == files.end() ? nullptr : &it->second;
        },
        [&](std::string_view flag) {
            auto it = flags.find(std::string(flag));
            return it != flags.end() && it->second;
        });
}

const RuleResult& resultOf(const CheckReport& r, std::string_view id) {
    for (const auto& x : r.results)
        if (x.ruleId == id) return x;
    static RuleResult none;
    ADD_FAILURE() << "no result for " << id;
    return none;
}

}  // namespace

TEST(ConfigParse, KconfigValuesQuotesAndNotSet) {
    const std::string text =
        "# comment\n"
        "CONFIG_A=y\n"
        "CONFIG_PATH=\"a \\\"b\\\" c\"\n"
        "# CONFIG_B is not set\n"
        "CONFIG_A=n\n"
        "  CONFIG_NUM = 0xD000  \n";
    EXPECT_EQ(valueOf(text, ConfigFormat::Kconfig, "CONFIG_A"), "n");  // last assignment wins, as in Kconfig
    EXPECT_EQ(valueOf(text, ConfigFormat::Kconfig, "CONFIG_PATH"), "a \"b\" c");
    EXPECT_EQ(valueOf(text, ConfigFormat::Kconfig, "CONFIG_B"), "n");
    EXPECT_EQ(valueOf(text, ConfigFormat::Kconfig, "CONFIG_NUM"), "0xD000");
    EXPECT_EQ(valueOf(text, ConfigFormat::Kconfig, "CONFIG_C"), "<absent>");
}

TEST(ConfigParse, DefinesIgnoreCommentsAndFunctionMacros) {
    const std::string text =
        "#define A 1 /* one */\n"
        "#  define B OB_RDP_LEVEL_2 // two\n"
        "#define FLAG\n"
        "#define F(x) (x)\n"
        "int x; /* #define NOT_ME 3 */\n";
    EXPECT_EQ(valueOf(text, ConfigFormat::Define, "A"), "1");
    EXPECT_EQ(valueOf(text, ConfigFormat::Define, "B"), "OB_RDP_LEVEL_2");
    EXPECT_EQ(valueOf(text, ConfigFormat::Define, "FLAG"), "");
    EXPECT_EQ(valueOf(text, ConfigFormat::Define, "F"), "<absent>");
    EXPECT_EQ(valueOf(text, ConfigFormat::Define, "NOT_ME"), "<absent>");
}

TEST(ConfigParse, CmakeSetJoinsListsAndStopsAtCache) {
    const std::string text =
        "set(FLAGS -mcpu=cortex-m33 -mcmse)\n"
        "set(TFM_DEV_MODE OFF CACHE BOOL \"\")\n"
        "set(NAME \"quoted value\" CACHE STRING \"doc\")\n";
    EXPECT_EQ(valueOf(text, ConfigFormat::Cmake, "FLAGS"), "-mcpu=cortex-m33 -mcmse");
    EXPECT_EQ(valueOf(text, ConfigFormat::Cmake, "TFM_DEV_MODE"), "OFF");
    EXPECT_EQ(valueOf(text, ConfigFormat::Cmake, "NAME"), "quoted value");
}

TEST(ConfigParse, BitbakeOperatorsAndWeakDefaults) {
    const std::string text =
        "A = \"1\"\n"
        "B ?= \"weak\"\n"
        "C ?= \"weak\"\n"
        "C = \"strong\"\n"
        "D = \"x\"\n"
        "D += \"y\"\n"
        "D:append = \" z\"\n"
        "E = \"a \\\n"
        "  b\"\n"
        "A ?= \"ignored\"\n";
    const ParsedConfig pc = parseConfig(text, ConfigFormat::Bitbake);
    EXPECT_EQ(*pc.find("A"), "1");
    EXPECT_EQ(*pc.find("B"), "weak");
    EXPECT_EQ(*pc.find("C"), "strong");
    EXPECT_EQ(*pc.find("D"), "x y");
    EXPECT_EQ(*pc.find("D:append"), " z");
    ASSERT_NE(pc.find("E"), nullptr);
    EXPECT_NE(pc.find("E")->find('b'), std::string::npos);
    EXPECT_EQ(pc.weak, std::vector<std::string>{"B"});
}

TEST(ConfigParse, IniSectionsAndJsonPaths) {
    EXPECT_EQ(valueOf("[system]\ncompatible=x\n[slot.rootfs.0]\nbootname=A\n", ConfigFormat::Ini, "slot.rootfs.0.bootname"),
              "A");
    EXPECT_EQ(valueOf("[system]\ncompatible = x\n", ConfigFormat::Ini, "system.compatible"), "x");
    const std::string json = R"({"crit1": {"secure_boot_enable": 1, "flag": true, "s": "v"}, "list": [4, 5]})";
    EXPECT_EQ(valueOf(json, ConfigFormat::Json, "crit1.secure_boot_enable"), "1");
    EXPECT_EQ(valueOf(json, ConfigFormat::Json, "crit1.flag"), "true");
    EXPECT_EQ(valueOf(json, ConfigFormat::Json, "crit1.s"), "v");
    EXPECT_EQ(valueOf(json, ConfigFormat::Json, "list.1"), "5");
    EXPECT_FALSE(parseConfig("{broken", ConfigFormat::Json).error.empty());
}

TEST(ExpectationCheck, PassFailAndMessages) {
    Expectations exp;
    exp.rules.push_back(rule("R1", "sdkconfig", ConfigFormat::Kconfig, "CONFIG_SECURE_BOOT", "y"));
    exp.rules.push_back(rule("R2", "sdkconfig", ConfigFormat::Kconfig, "CONFIG_INSECURE", "n"));
    exp.rules.push_back(rule("R3", "sdkconfig", ConfigFormat::Kconfig, "CONFIG_MISSING_N", "n"));
    exp.rules.push_back(rule("R4", "sdkconfig", ConfigFormat::Kconfig, "CONFIG_GDBSTUB", std::string(kAbsent)));
    exp.rules.push_back(rule("R5", "nofile", ConfigFormat::Kconfig, "X", "y"));
    const std::map<std::string, std::string> files{
        {"sdkconfig", "CONFIG_SECURE_BOOT=n\n# CONFIG_INSECURE is not set\nCONFIG_GDBSTUB=y\n"}};
    const auto r = check(exp, Profile::Release, files);
    EXPECT_EQ(resultOf(r, "R1").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "R1").message, "sdkconfig CONFIG_SECURE_BOOT: expected y, found n");
    EXPECT_EQ(resultOf(r, "R2").status, CheckStatus::Pass);
    // An insecure option left to its default is not "explicitly off": the rule asks for the explicit line.
    EXPECT_EQ(resultOf(r, "R3").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "R4").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "R5").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "R5").message, "the stub has no file nofile");
}

TEST(ExpectationCheck, ContainsWeakAndLineRules) {
    Expectations exp;
    auto c = rule("C1", "distro.conf", ConfigFormat::Bitbake, "IMAGE_CLASSES", "dm-verity-img");
    c.contains = true;
    exp.rules.push_back(c);
    exp.rules.push_back(rule("W1", "distro.conf", ConfigFormat::Bitbake, "UBOOT_SIGN_ENABLE", "1"));
    exp.rules.push_back(rule("L1", "distro.conf", ConfigFormat::Line, "require conf/distro/include/security_flags.inc",
                             std::string(kPresent)));
    exp.rules.push_back(rule("L2", "distro.conf", ConfigFormat::Line, "EXTRA_IMAGE_FEATURES += \"debug-tweaks\"",
                             std::string(kAbsent)));
    const std::map<std::string, std::string> good{
        {"distro.conf",
         "IMAGE_CLASSES += \"foo dm-verity-img\"\nUBOOT_SIGN_ENABLE = \"1\"\n"
         "  require conf/distro/include/security_flags.inc  \n"}};
    auto r = check(exp, Profile::Release, good);
    for (const auto& x : r.results) EXPECT_EQ(x.status, CheckStatus::Pass) << x.ruleId << ": " << x.message;
    const std::map<std::string, std::string> bad{
        {"distro.conf",
         "IMAGE_CLASSES += \"dm-verity-image\"\nUBOOT_SIGN_ENABLE ?= \"1\"\n"
         "EXTRA_IMAGE_FEATURES += \"debug-tweaks\"\n"}};
    r = check(exp, Profile::Release, bad);
    EXPECT_EQ(resultOf(r, "C1").status, CheckStatus::Fail);  // a word, not a prefix
    EXPECT_EQ(resultOf(r, "W1").status, CheckStatus::Fail);
    EXPECT_NE(resultOf(r, "W1").message.find("weak default"), std::string::npos);
    EXPECT_EQ(resultOf(r, "L1").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "L2").status, CheckStatus::Fail);
}

TEST(ExpectationCheck, ProfilesConditionsAndTheDevelopmentMarker) {
    Expectations exp;
    auto fe = rule("FE", "cfg", ConfigFormat::Kconfig, "CONFIG_FE_RELEASE", "y");
    fe.devExpect = std::string(kAbsent);
    exp.rules.push_back(fe);
    auto log = rule("LOG", "cfg", ConfigFormat::Kconfig, "CONFIG_LOG", "n");
    log.devExpect = std::string(kAny);
    exp.rules.push_back(log);
    auto ota = rule("OTA", "cfg", ConfigFormat::Kconfig, "CONFIG_OTA_HTTP", "n");
    ota.when = "ota";
    exp.rules.push_back(ota);
    auto both = rule("BOTH", "cfg", ConfigFormat::Kconfig, "CONFIG_TZ_TLS", "y");
    both.when = "ip_uplink, !caps.no_tz";
    exp.rules.push_back(both);

    const std::string releaseText = "CONFIG_FE_RELEASE=y\nCONFIG_LOG=n\nCONFIG_TZ_TLS=y\n";
    auto r = check(exp, Profile::Release, {{"cfg", releaseText}}, {{"ip_uplink", true}});
    EXPECT_EQ(resultOf(r, "FE").status, CheckStatus::Pass);
    EXPECT_EQ(resultOf(r, "LOG").status, CheckStatus::Pass);
    EXPECT_EQ(resultOf(r, "OTA").status, CheckStatus::NotApplicable);
    EXPECT_EQ(resultOf(r, "OTA").message, "applies only when ota");
    EXPECT_EQ(resultOf(r, "BOTH").status, CheckStatus::Pass);
    EXPECT_EQ(resultOf(r, "PROFILE-MARK").status, CheckStatus::Pass);

    // The same release text checked as development: FE must be absent, and the marker is missing.
    r = check(exp, Profile::Development, {{"cfg", releaseText}}, {{"ip_uplink", true}, {"caps.no_tz", true}});
    EXPECT_EQ(resultOf(r, "FE").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "LOG").status, CheckStatus::NotApplicable);
    EXPECT_EQ(resultOf(r, "BOTH").status, CheckStatus::NotApplicable);
    EXPECT_EQ(resultOf(r, "PROFILE-MARK").status, CheckStatus::Fail);

    // A development file must say so, and a release file must not.
    const std::string devText = "# " + std::string(kDevelopmentMarker) + "\nCONFIG_LOG=y\n";
    r = check(exp, Profile::Development, {{"cfg", devText}});
    EXPECT_EQ(resultOf(r, "FE").status, CheckStatus::Pass);
    EXPECT_EQ(resultOf(r, "PROFILE-MARK").status, CheckStatus::Pass);
    r = check(exp, Profile::Release, {{"cfg", devText + "CONFIG_FE_RELEASE=y\n"}});
    EXPECT_EQ(resultOf(r, "PROFILE-MARK").status, CheckStatus::Fail);
    EXPECT_EQ(resultOf(r, "PROFILE-MARK").message, "cfg is marked as a development configuration");
}

TEST(ExpectationLoader, ReportsBadRules) {
    const fs::path dir = fs::temp_directory_path() / ("bw-exp-" + std::to_string(::getpid()));
    fs::create_directories(dir / "board");
    const fs::path file = dir / "board" / "expectations.yaml";
    std::ofstream(file) << "rules:\n"
                           "  - {id: A, file: f, format: kconfg, name: X, expect: y, criterion: SB-1, rationale: r}\n"
                           "  - {id: A, file: f, format: kconfig, name: X, expect: y, contains: y, criterion: SB-1, rationale: r}\n"
                           "  - {id: B, file: f, format: line, name: X, expect: y, criterion: SB-1, rationale: r}\n"
                           "  - {id: C, file: f, format: kconfig, name: X, expect: y, criterion: SB-1, rationale: r, cwe: [79]}\n";
    auto exp = loadExpectations(file);
    ASSERT_FALSE(exp);
    std::string all;
    for (const auto& e : exp.error()) all += e.str() + "\n";
    EXPECT_NE(all.find("expectations.yaml:2:30: unknown format 'kconfg'; did you mean 'kconfig'?"), std::string::npos) << all;
    EXPECT_NE(all.find("a rule needs exactly one of 'expect' or 'contains'"), std::string::npos) << all;
    EXPECT_NE(all.find("duplicate rule id 'A'"), std::string::npos) << all;
    EXPECT_NE(all.find("a line rule expects 'present' or 'absent'"), std::string::npos) << all;
    EXPECT_NE(all.find("'79' is not a CWE id"), std::string::npos) << all;
    fs::remove_all(dir);
}

TEST(ExpectationLoader, IncludesStayInsideTheCatalogue) {
    const fs::path dir = fs::temp_directory_path() / ("bw-inc-" + std::to_string(::getpid()));
    fs::create_directories(dir / "board");
    fs::create_directories(dir / "_shared");
    std::ofstream(dir / "_shared" / "common.yaml")
        << "rules:\n  - {id: S1, file: f, format: kconfig, name: X, expect: y, criterion: SB-1, rationale: r}\n";
    std::ofstream(dir / "board" / "expectations.yaml")
        << "include: [_shared/common.yaml]\n"
           "rules:\n  - {id: B1, file: f, format: kconfig, name: Y, expect: y, criterion: SB-1, rationale: r}\n";
    auto exp = loadExpectations(dir / "board" / "expectations.yaml");
    ASSERT_TRUE(exp);
    ASSERT_EQ(exp->rules.size(), 2u);
    EXPECT_EQ(exp->rules[0].id, "B1");
    EXPECT_EQ(exp->rules[1].id, "S1");

    std::ofstream(dir / "board" / "expectations.yaml") << "include: [../../etc/passwd]\n";
    auto bad = loadExpectations(dir / "board" / "expectations.yaml");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().front().message.find("the path has a '..' part"), std::string::npos);
    fs::remove_all(dir);
}
