/**
 * The icon an id draws, without the variant its source ships it in: skin tones (noto, emojione),
 * dark/light themes (skill-icons, vscode-icons), open folders, outline/filled (tabler), -fill
 * (bootstrap) and original/plain/line/wordmark (devicon). Splits hash ids, not icons, so variants
 * of one icon can sit in train and test at once; the held-out report counts how much of its
 * figure comes from icons whose variant was trained on. Broad on purpose (a devicon wordmark and
 * its symbol are one family), so the sibling-free figure errs on the strict side.
 */
export function familyOf(id: string): string {
  return id
    .replace(/(-(light|medium-light|medium|medium-dark|dark)-skin-tone)+$/, '')
    .replace(/^(skill-.*)-(dark|light)$/, '$1')
    .replace(/^vscode-(file|folder)-type-light-/, 'vscode-$1-type-')
    .replace(/^(vscode-folder-type-.*)-opened$/, '$1')
    .replace(/^(devicon-.+?)-(original|plain|line)(-wordmark)?$/, '$1')
    .replace(/^(tabler-.*)-(outline|filled)$/, '$1')
    .replace(/^(bootstrap-.*)-fill$/, '$1');
}
