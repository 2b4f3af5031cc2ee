// Partner themes: www/themes/NAME.json, chosen with ?theme=NAME (or <meta name="theme">).
// A theme sets the header's colours, the exit bar's background, an optional logo on the site's
// own origin, and the service name shown in the header. Every theme is checked when the site is
// built: known fields only, colours as #rrggbb, and text contrast of at least 4.5:1 (WCAG 2.2
// AA, 1.4.3) wherever the theme's colours meet text. A theme that fails stops the build.
// Usage: node scripts/themes.mjs FILE.json…   (prints each problem; exits 1 if there are any)
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const FIELDS = {
  service: "the service name shown in the header (plain text, at most 80 characters)",
  brand: "the header's background colour (#rrggbb)",
  brand_text: "the header's text colour (#rrggbb)",
  exit_bar: "the exit bar's background colour (#rrggbb)",
  logo: "a logo image on this site, as a path such as /themes/logo.svg",
};
// GOV.UK's text colour, which the exit bar's background sits behind.
const TEXT = "#0b0c0c";

/** WCAG 2.2 contrast ratio of two #rrggbb colours. */
export function contrast(a, b) {
  const luminance = (hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Every problem with a theme, each saying what to change. */
export function problems(theme) {
  const out = [];
  if (typeof theme !== "object" || theme === null || Array.isArray(theme)) return ["a theme is a JSON object: { \"service\": …, \"brand\": … }"];
  for (const key of Object.keys(theme)) {
    if (!(key in FIELDS)) out.push(`unknown field \`${key}\`: the fields are ${Object.keys(FIELDS).map((f) => `\`${f}\``).join(", ")}`);
  }
  for (const key of ["brand", "brand_text", "exit_bar"]) {
    if (key in theme && !/^#[0-9a-f]{6}$/i.test(theme[key])) out.push(`\`${key}\` must be a colour written #rrggbb, not ${JSON.stringify(theme[key])}`);
  }
  if ("service" in theme && (typeof theme.service !== "string" || !theme.service.trim() || theme.service.length > 80)) {
    out.push("`service` must be plain text of 1 to 80 characters");
  }
  if ("logo" in theme && !(typeof theme.logo === "string" && /^\/[A-Za-z0-9/_.-]+\.(svg|png|webp)$/.test(theme.logo) && !theme.logo.includes(".."))) {
    out.push("`logo` must be a path on this site, such as /themes/logo.svg (svg, png or webp): images from other sites are blocked");
  }
  if (out.length) return out;
  const pairs = [
    ["brand_text", theme.brand_text ?? "#ffffff", "brand", theme.brand ?? "#1d70b8"],
    ["text", TEXT, "exit_bar", theme.exit_bar ?? "#f3f2f1"],
  ];
  for (const [fgName, fg, bgName, bg] of pairs) {
    const ratio = contrast(fg, bg);
    if (ratio < 4.5) out.push(`${fgName} ${fg} on ${bgName} ${bg} has a contrast of ${ratio.toFixed(2)}:1; it must be at least 4.5:1: darken or lighten one of them`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const name = basename(file, ".json");
    if (!/^[a-z0-9_-]{1,64}$/.test(name)) {
      console.error(`${file}: a theme's file name must be lower-case letters, digits, - and _`);
      failed = true;
      continue;
    }
    let theme;
    try {
      theme = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      console.error(`${file}: not valid JSON: ${e.message}`);
      failed = true;
      continue;
    }
    for (const p of problems(theme)) {
      console.error(`${file}: ${p}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}
