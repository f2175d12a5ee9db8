const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sht',
  ъ: 'a', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A field key suggested from its label: transliterated, lower-case latin, digits and _, starting with a letter. */
export function keyFromLabel(label: string): string {
  const latin = [...label.toLowerCase()].map((c) => cyrillic[c] ?? c).join('');
  const slug = latin
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '');
  return slug.slice(0, 63).replace(/_+$/, '');
}
