// Key fingerprints and the refusal of known development keys. Keys are generated at test time with
// OpenSSL; none is committed.
#include "export/keys.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include <unistd.h>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace fs = std::filesystem;
using namespace bulwark::exporting;

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey generate(const char* type) {
    if (std::string(type) == "EC") return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (std::string(type) == "RSA") return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
    return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, type));
}

std::string toPem(const std::function<int(BIO*)>& write) {
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return out;
}

std::string privatePem(EVP_PKEY* k) {
    return toPem([&](BIO* b) { return PEM_write_bio_PrivateKey(b, k, nullptr, nullptr, 0, nullptr, nullptr); });
}
std::string publicPem(EVP_PKEY* k) { return toPem([&](BIO* b) { return PEM_write_bio_PUBKEY(b, k); }); }
std::string certPem(EVP_PKEY* k) {
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, k);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("test"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    // Ed25519 signs without a separate digest.
    X509_sign(x, k, EVP_PKEY_get_id(k) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256());
    std::string pem = toPem([&](BIO* b) { return PEM_write_bio_X509(b, x); });
    X509_free(x);
    return pem;
}

fs::path tempDir() {
    const fs::path d = fs::temp_directory_path() / ("bw-keys-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST(KeyFingerprint, SameForPrivateKeyPublicKeyAndCertificate) {
    for (const char* type : {"EC", "RSA", "ED25519"}) {
        Pkey k = generate(type);
        ASSERT_TRUE(k) << type;
        auto a = publicKeyFingerprint(privatePem(k.get()));
        auto b = publicKeyFingerprint(publicPem(k.get()));
        auto c = publicKeyFingerprint(certPem(k.get()));
        ASSERT_TRUE(a) << type << ": " << a.error().str();
        ASSERT_TRUE(b);
        ASSERT_TRUE(c);
        EXPECT_EQ(a->size(), 64u);
        EXPECT_EQ(*a, *b) << type;
        EXPECT_EQ(*a, *c) << type;
    }
    Pkey k1 = generate("EC");
    Pkey k2 = generate("EC");
    EXPECT_NE(*publicKeyFingerprint(privatePem(k1.get())), *publicKeyFingerprint(privatePem(k2.get())));
}

TEST(KeyFingerprint, MatchesTheOpensslCommandLine) {
    // The provisioning scripts compute the same value with `openssl pkey -pubout -outform DER | sha256sum`.
    if (std::system("command -v openssl >/dev/null 2>&1 && command -v sha256sum >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "openssl or sha256sum not installed";
    const fs::path d = tempDir();
    Pkey k = generate("EC");
    std::ofstream(d / "k.pem") << privatePem(k.get());
    const std::string cmd = "openssl pkey -in " + (d / "k.pem").string() + " -pubout -outform DER | sha256sum > " +
                            (d / "fp.txt").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(d / "fp.txt");
    std::string fp;
    in >> fp;
    EXPECT_EQ(*publicKeyFingerprint(privatePem(k.get())), fp);
    fs::remove_all(d);
}

TEST(KeyFingerprint, RejectsGarbageAndEncryptedKeys) {
    EXPECT_FALSE(publicKeyFingerprint("not a key"));
    EXPECT_FALSE(publicKeyFingerprint("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    Pkey k = generate("EC");
    const std::string enc = toPem([&](BIO* b) {
        return PEM_write_bio_PrivateKey(b, k.get(), EVP_aes_256_cbc(), reinterpret_cast<const unsigned char*>("pw"), 2,
                                        nullptr, nullptr);
    });
    auto r = publicKeyFingerprint(enc);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("encrypted"), std::string::npos);
}

TEST(KnownDevKeys, MatchingKeyIsRefused) {
    const fs::path d = tempDir();
    Pkey dev = generate("EC");
    Pkey mine = generate("EC");
    std::ofstream(d / "dev.pem") << privatePem(dev.get());
    std::ofstream(d / "mine.pem") << privatePem(mine.get());
    std::ofstream(d / "known.yaml") << "keys:\n  - name: Vendor example key\n    sha256: "
                                    << *publicKeyFingerprint(publicPem(dev.get()))
                                    << "\n    source: a vendor SDK\n";
    auto known = loadKnownDevKeys(d / "known.yaml");
    ASSERT_TRUE(known) << known.error().front().str();
    auto v = checkKeyFile(d / "dev.pem", *known);
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->accepted());
    EXPECT_EQ(v->knownAs->name, "Vendor example key");
    auto ok = checkKeyFile(d / "mine.pem", *known);
    ASSERT_TRUE(ok);
    EXPECT_TRUE(ok->accepted());
    EXPECT_FALSE(checkKeyFile(d / "missing.pem", *known));
    fs::remove_all(d);
}

TEST(KnownDevKeys, LoaderChecksEntries) {
    const fs::path d = tempDir();
    const std::string h(64, 'a');
    std::ofstream(d / "bad.yaml") << "keys:\n"
                                     "  - {name: a, sha256: XYZ, source: s}\n"
                                     "  - {name: b, sha256: " << h << ", source: s}\n"
                                     "  - {name: c, sha256: " << h << ", source: s}\n"
                                     "  - {name: d, sha256: " << h << "}\n";
    auto r = loadKnownDevKeys(d / "bad.yaml");
    ASSERT_FALSE(r);
    std::string all;
    for (const auto& e : r.error()) all += e.str() + "\n";
    EXPECT_NE(all.find("bad.yaml:2:"), std::string::npos) << all;
    EXPECT_NE(all.find("sha256 must be 64 lowercase hex digits"), std::string::npos) << all;
    EXPECT_NE(all.find("fingerprint of 'c' is listed twice"), std::string::npos) << all;
    EXPECT_NE(all.find("is missing required key 'source'"), std::string::npos) << all;
    fs::remove_all(d);
}

TEST(KnownDevKeys, ShippedListLoads) {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    auto r = loadKnownDevKeys(fs::path(src ? src : BULWARK_SOURCE_DIR) / "templates" / "boards" / "known-dev-keys.yaml");
    ASSERT_TRUE(r) << r.error().front().str();
    EXPECT_GE(r->size(), 3u);
    bool mcuboot = false;
    for (const auto& k : *r) mcuboot = mcuboot || k.name.find("MCUboot root-ec-p256") != std::string::npos;
    EXPECT_TRUE(mcuboot);
}

namespace {

// The shipped list, and the published development keys kept as test data (tests/export/data/dev-keys).
std::vector<KnownDevKey> shippedKnownKeys() {
    const char* src = std::getenv("BULWARK_SOURCE_DIR");
    auto r = loadKnownDevKeys(fs::path(src ? src : BULWARK_SOURCE_DIR) / "templates" / "boards" / "known-dev-keys.yaml");
    return r ? *r : std::vector<KnownDevKey>{};
}

fs::path devKeyFile(const char* name) { return fs::path(BULWARK_TEST_DATA) / "data" / "dev-keys" / name; }

}  // namespace

TEST(KnownDevKeys, McubootDevelopmentKeysAreRefused) {
    const auto known = shippedKnownKeys();
    ASSERT_FALSE(known.empty());
    const std::pair<const char*, const char*> cases[] = {
        {"mcuboot-root-rsa-2048.pub.pem", "MCUboot root-rsa-2048.pem"},
        {"mcuboot-root-rsa-3072.pub.pem", "MCUboot root-rsa-3072.pem"},
        {"mcuboot-root-ec-p256.pub.pem", "MCUboot root-ec-p256.pem"},
        {"mcuboot-root-ed25519.pub.pem", "MCUboot root-ed25519.pem"},
    };
    for (const auto& [file, name] : cases) {
        auto v = checkKeyFile(devKeyFile(file), known);
        ASSERT_TRUE(v) << file << ": " << v.error().str();
        ASSERT_FALSE(v->accepted()) << file << " has fingerprint " << v->fingerprint;
        EXPECT_NE(v->knownAs->name.find(name), std::string::npos) << file << " matched " << v->knownAs->name;
    }
}

TEST(KnownDevKeys, TfmDevelopmentAttestationKeyIsRefused) {
    // A private key: its public part is derived before fingerprinting.
    const auto known = shippedKnownKeys();
    auto v = checkKeyFile(devKeyFile("tfm-initial-attestation-key.pem"), known);
    ASSERT_TRUE(v) << v.error().str();
    ASSERT_FALSE(v->accepted()) << v->fingerprint;
    EXPECT_NE(v->knownAs->name.find("TF-M development initial attestation key"), std::string::npos);
}

TEST(KnownDevKeys, ShippedNamesFitTheProvisioningScript) {
    // The generator cuts names at 80 characters when it renders them into provision.sh.
    for (const auto& k : shippedKnownKeys()) EXPECT_LE(k.name.size(), 80u) << k.name;
}
