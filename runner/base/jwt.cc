#include "runner/base/jwt.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace runner::base {

base::Result<std::string> SignJwt(const Json& claims, const std::string& pem,
                                  const std::string& algorithm) {
  int want_type = algorithm == "RS256" ? EVP_PKEY_RSA : EVP_PKEY_EC;
  const EVP_MD* md = algorithm == "ES384" ? EVP_sha384() : EVP_sha256();
  size_t coordinate = algorithm == "ES384" ? 48 : 32;
  if (algorithm != "ES256" && algorithm != "ES384" && algorithm != "RS256") {
    return Fail(ErrorKind::kConfig, "unsupported JWT algorithm " + algorithm);
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr,
      EVP_PKEY_free);
  if (!key) return Fail(ErrorKind::kConfig, "the private key is not a PEM private key");
  if (EVP_PKEY_get_base_id(key.get()) != want_type) {
    return Fail(ErrorKind::kConfig, "the private key does not fit algorithm " + algorithm);
  }
  Json header = JsonObject({{"alg", algorithm}, {"typ", "JWT"}});
  std::string input = Base64Url(header.Dump()) + "." + Base64Url(claims.Dump());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t len = 0;
  auto data = reinterpret_cast<const unsigned char*>(input.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1) {
    return Fail(ErrorKind::kInternal, "signing the client assertion failed");
  }
  std::vector<unsigned char> sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, data, input.size()) != 1) {
    return Fail(ErrorKind::kInternal, "signing the client assertion failed");
  }
  sig.resize(len);
  std::string raw;
  if (want_type == EVP_PKEY_EC) {  // DER ECDSA-Sig-Value → r || s (RFC 7518 §3.4)
    const unsigned char* p = sig.data();
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> ecdsa(
        d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())), ECDSA_SIG_free);
    if (!ecdsa) return Fail(ErrorKind::kInternal, "unexpected ECDSA signature");
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(ecdsa.get(), &r, &s);
    raw.resize(2 * coordinate);
    auto out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_bn2binpad(r, out, static_cast<int>(coordinate)) < 0 ||
        BN_bn2binpad(s, out + coordinate, static_cast<int>(coordinate)) < 0) {
      return Fail(ErrorKind::kConfig, "the EC key does not fit algorithm " + algorithm);
    }
  } else {
    raw.assign(sig.begin(), sig.end());
  }
  return input + "." + Base64Url(raw);
}

}  // namespace runner::base
