import { useId, type ChangeEvent } from 'react';

export const ACCEPTED_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

interface Props {
  onFiles(files: File[]): void;
}

/** The keyboard- and click-friendly way in: a real file input behind a styled label. */
export function FilePicker({ onFiles }: Props) {
  const hintId = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // so picking the same file again still fires `change`
    if (files.length > 0) onFiles(files);
  };

  return (
    <div className="picker">
      <label className="picker-button">
        <input
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPTED_TYPES}
          data-testid="file-input"
          aria-describedby={hintId}
          onChange={onChange}
        />
        Choose images…
      </label>
      <p id={hintId} className="picker-hint">
        or drop PNG, JPEG, WebP or GIF files anywhere on this page
      </p>
    </div>
  );
}
