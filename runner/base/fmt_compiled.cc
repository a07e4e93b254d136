// fmt's compiled part, built into the binary instead of linked from libfmt.so.
//
// Every translation unit includes fmt's headers in the default (not header-only) mode, which
// declares the library's non-template functions and a few explicit instantiations as external.
// This one unit defines them, once, from fmt's own implementation header. Header-only mode
// would compile the implementation into every unit that logs (about 4 s each); libfmt.so,
// libspdlog.so and libyaml-cpp.so would keep libstdc++.so loaded, which the binary otherwise
// links statically (see docs/benchmarks.md, "Memory").
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;

template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                         locale_ref);

}  // namespace detail
FMT_END_NAMESPACE
