// Building DOM from data without markup: text always goes in as text nodes, so a
// sentence containing "<script>" shows those characters and runs nothing.

/**
 * An element with attributes and children. `text` sets textContent, `class` the class,
 * `data` the data-* attributes; strings among the children become text nodes.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.className = value;
    else if (name === 'data') {
      // Like attributes, an undefined data value is left out (dataset would write "undefined").
      for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null) node.dataset[key] = String(v);
    }
    else node.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Replaces an element's children. */
export function fill(node, children) {
  node.replaceChildren(...children);
}
