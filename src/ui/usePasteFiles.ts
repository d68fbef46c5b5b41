import { useEffect } from 'react';

let pasted = 0;

/**
 * Images pasted anywhere on the page (Ctrl/Cmd+V after copying an image or a file) become files.
 * Clipboard images arrive as "image.png"; they are renamed "pasted-1.png", … so cards and
 * downloads tell them apart. Pasting text into a field is left alone.
 */
export function usePasteFiles(onFiles: (files: File[]) => void): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      const items = [...(event.clipboardData?.items ?? [])].filter((item) => item.kind === 'file');
      const files = items.map((item) => item.getAsFile()).filter((file): file is File => file !== null);
      if (files.length === 0) return;
      event.preventDefault();
      onFiles(files.map(rename));
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [onFiles]);
}

function rename(file: File): File {
  if (file.name && !/^image\.\w+$/.test(file.name)) return file;
  pasted += 1;
  const extension = file.type.startsWith('image/') ? file.type.slice(6).replace('jpeg', 'jpg').replace(/\+.*/, '') : 'bin';
  return new File([file], `pasted-${pasted}.${extension}`, { type: file.type, lastModified: file.lastModified });
}
