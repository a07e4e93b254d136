#pragma once
/// Sanitisation of text written on the forge (issue and PR titles and bodies, comments, reviews,
/// diff hunks, patches, labels, logins) before it goes into a prompt. Anyone who can comment on
/// a public repository controls that text, so whatever a human reader of the rendered page
/// would not see is removed: an instruction hidden from the maintainer must not reach the model.
///
/// SanitizeForgeText, in this order:
/// 1. drops invalid UTF-8 bytes and invisible or formatting characters: C0/C1 controls except
///    `\n` and `\t` (so `\r` goes), DEL, soft hyphen U+00AD, U+034F, U+061C, U+115F/U+1160,
///    U+180E, zero-width U+200B–U+200F, line/paragraph separators U+2028/U+2029, bidi controls
///    U+202A–U+202E and U+2066–U+2069, U+2060–U+2064, U+206A–U+206F, U+3164, variation
///    selectors U+FE00–U+FE0F and U+E0100–U+E01EF, U+FEFF, U+FFA0, U+FFF9–U+FFFB,
///    noncharacters, and tag characters U+E0000–U+E007F;
/// 2. decodes numeric character references (`&#65;`, `&#x41;`) when they name a printable
///    character and drops them otherwise (so `&#8203;` cannot smuggle a zero-width space);
/// 3. removes HTML comments `<!-- … -->` (an unterminated one runs to the end of the text);
/// 4. removes hidden HTML elements with their content: a tag with a `hidden` attribute or a
///    `style` that hides it (`display:none`, `visibility:hidden`, `opacity:0`, `font-size:0`),
///    up to its matching end tag (or the end of the text); `<details>` stays (its body is one
///    click away);
/// 5. removes the attributes `alt`, `title`, `placeholder`, `style`, `hidden`, `aria-*` and
///    `data-*` from the remaining HTML tags (text that the page does not show inline);
/// 6. empties markdown image alt text (`![alt](url)` → `![](url)`), drops link titles
///    (`[t](url "title")` → `[t](url)`) and the titles of link reference definitions (so
///    `[//]: # (hidden text)` loses its text);
/// Steps 3 to 6 repeat until the text no longer changes, as a removal can join its
/// neighbours into new markup (`<!<div hidden>x</div>-- hidden -->`).
/// 7. redacts secrets by shape (RedactSecrets with no known values: GitHub tokens and the
///    other shapes listed in redact.h).
/// Ordinary text, code and markdown pass through unchanged.

#include <string>
#include <string_view>

namespace integrations::github {

std::string SanitizeForgeText(std::string_view text);

/// Step 1 alone: valid UTF-8 without invisible or formatting characters.
std::string StripInvisibleCharacters(std::string_view text);

}  // namespace integrations::github
