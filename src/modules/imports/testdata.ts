/** Generated import files for tests and the bench: companies with valid, distinct INNs. */

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** The n-th valid 10-digit INN (region 77, sequence n, check digit computed). */
export function innOf(n: number): string {
  const base = `77${String(n).padStart(7, '0')}`;
  const check = (INN10.reduce((s, w, i) => s + w * Number(base[i]), 0) % 11) % 10;
  return base + check;
}

export const companyHeader = ['Наименование', 'ИНН', 'КПП', 'Телефон', 'E-mail', 'Город', 'Теги', 'Примечание'];

/** A company row: `bad` rows carry an INN with a wrong check digit. */
export function companyRow(n: number, bad = false): string[] {
  const inn = innOf(n);
  const wrong = inn.slice(0, 9) + ((Number(inn[9]) + 1) % 10);
  return [
    `ООО "Компания ${n}"`,
    bad ? wrong : inn,
    `7701${String(n % 100000).padStart(5, '0')}`.slice(0, 9),
    `+7 495 ${String(1000000 + (n % 9000000)).slice(1, 4)}-${String(n % 100).padStart(2, '0')}-${String((n * 7) % 100).padStart(2, '0')}`,
    `info${n}@example.com`,
    n % 2 ? 'Москва' : 'Казань',
    n % 3 ? 'import' : 'import; vip',
    `Row ${n}; "quoted" note`,
  ];
}

export function csvLine(cells: string[], delimiter = ';'): string {
  return `${cells.map((c) => (/[";\r\n,]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)}\r\n`;
}
