/**
 * Copying text for the person. The clipboard API needs a secure context and the page's focus; where it is refused,
 * the text is put selected in a read-only input instead, for Ctrl+C. Answers whether it reached the clipboard.
 */
export async function copyText(text, fallbackInput) {
  try {
    await navigator.clipboard.writeText(text);
    if (fallbackInput) {
      fallbackInput.hidden = true;
    }
    return true;
  } catch {
    if (fallbackInput) {
      fallbackInput.value = text;
      fallbackInput.hidden = false;
      fallbackInput.focus();
      fallbackInput.select();
    }
    return false;
  }
}
