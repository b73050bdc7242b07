// SHA-256 of a byte string as lowercase hex, for revision identity in the workspace.
// Uses OpenSSL's libcrypto (EVP interface); depends on nothing else in Bulwark but model/error.hpp.
#pragma once

#include <string>
#include <string_view>

#include "model/error.hpp"

namespace bulwark::model {

// 64 lowercase hex digits. Fails only if libcrypto cannot allocate or run the digest.
// Example: sha256Hex("abc") ->
//   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
Result<std::string> sha256Hex(std::string_view bytes);

}  // namespace bulwark::model
