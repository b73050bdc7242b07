#include "export/keys.hpp"

#include <array>
#include <memory>
#include <set>

#include <fmt/core.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "model/catalogue.hpp"
#include "model/hash.hpp"
#include "model/project_io.hpp"
#include "model/yaml_util.hpp"

namespace bulwark::exporting {

using model::Errors;
using model::locOf;
using model::makeError;
using model::SourceLoc;

namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

// Refuses to prompt for a passphrase: an encrypted private key simply does not load.
int noPassphrase(char*, int, int, void*) { return 0; }

BioPtr memBio(std::string_view pem) {
    return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

bool isHex64(std::string_view s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

std::filesystem::path defaultKnownDevKeysFile() { return model::defaultTemplatesDir() / "boards" / "known-dev-keys.yaml"; }

model::Result<std::string> publicKeyFingerprint(std::string_view pem) {
    if (pem.size() > (1u << 20)) return std::unexpected(makeError("the key file is larger than 1 MiB"));
    PkeyPtr key;
    if (auto bio = memBio(pem)) key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key)
        if (auto bio = memBio(pem)) key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key)
        if (auto bio = memBio(pem)) {
            X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
            if (cert) key.reset(X509_get_pubkey(cert.get()));
        }
    ERR_clear_error();
    if (!key) {
        if (pem.find("ENCRYPTED") != std::string_view::npos)
            return std::unexpected(makeError("the private key is encrypted; give its public key (openssl pkey -pubout)"));
        return std::unexpected(makeError("not a PEM private key, public key or certificate"));
    }
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(key.get(), &der);
    if (len <= 0 || !der) {
        ERR_clear_error();
        return std::unexpected(makeError("cannot encode the public key"));
    }
    std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    return model::sha256Hex(bytes);
}

model::Results<std::vector<KnownDevKey>> loadKnownDevKeys(const std::filesystem::path& file) {
    auto root = model::loadYamlFile(file);
    if (!root) return std::unexpected(Errors{root.error()});
    const std::string f = file.string();
    Errors errors;
    static constexpr std::array top{std::string_view{"keys"}};
    if (!model::checkKeys(*root, top, top, "known development keys file", f, errors))
        return std::unexpected(std::move(errors));
    const YAML::Node list = (*root)["keys"];
    if (!list.IsSequence()) return std::unexpected(Errors{makeError("'keys' must be a list", locOf(list, f))});
    std::vector<KnownDevKey> out;
    std::set<std::string> seen;
    for (const auto& item : list) {
        static constexpr std::array keys{std::string_view{"name"}, std::string_view{"sha256"}, std::string_view{"source"}};
        if (!model::checkKeys(item, keys, keys, "known key", f, errors)) continue;
        KnownDevKey k;
        k.loc = locOf(item, f);
        k.name = model::readString(item, "name", f, errors).value_or("");
        k.sha256 = model::readString(item, "sha256", f, errors).value_or("");
        k.source = model::readString(item, "source", f, errors).value_or("");
        if (!isHex64(k.sha256))
            errors.push_back(makeError("sha256 must be 64 lowercase hex digits", locOf(item["sha256"], f)));
        else if (!seen.insert(k.sha256).second)
            errors.push_back(makeError(fmt::format("fingerprint of '{}' is listed twice", k.name), locOf(item["sha256"], f)));
        out.push_back(std::move(k));
    }
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return out;
}

model::Result<KeyVerdict> checkKeyFile(const std::filesystem::path& file, const std::vector<KnownDevKey>& known) {
    auto text = model::readTextFile(file, 1u << 20);
    if (!text) return std::unexpected(text.error());
    auto fp = publicKeyFingerprint(*text);
    if (!fp) return std::unexpected(makeError(fp.error().message, SourceLoc{file.string()}));
    KeyVerdict v;
    v.fingerprint = *fp;
    for (const auto& k : known)
        if (k.sha256 == v.fingerprint) {
            v.knownAs = &k;
            break;
        }
    return v;
}

}  // namespace bulwark::exporting
