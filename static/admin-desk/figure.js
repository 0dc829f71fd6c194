// The body editor's figures, as the newsroom uses them: the picture comes only from the
// image library (no typed URL, so nothing is hot-linked), the dialog asks for a caption and
// a credit, and after inserting the caret goes below the figure so typing is not caption.
// Loaded by django-prose-editor as an extension module (DJANGO_PROSE_EDITOR_EXTENSIONS);
// its exports replace the library's own Figure and add the Credit mark.
import {
  Figure as BaseFigure,
  Mark,
  gettext,
  updateAttrsDialog,
} from "django-prose-editor/editor"

// The picker page calls window.opener.CKEDITOR.tools.callFunction(number, url, data).
const pickerCallbacks = new Map()
let nextCallback = 1000

function installPickerCallback() {
  window.CKEDITOR = window.CKEDITOR || {}
  window.CKEDITOR.tools = window.CKEDITOR.tools || {}
  const original = window.CKEDITOR.tools.callFunction
  if (original && original.deskFigure) return
  const callFunction = (number, ...args) => {
    original?.call(window.CKEDITOR.tools, number, ...args)
    const callback = pickerCallbacks.get(+number)
    pickerCallbacks.delete(+number)
    callback?.(...args)
  }
  callFunction.deskFigure = true
  window.CKEDITOR.tools.callFunction = callFunction
}

function openPicker(pickerUrl, onPick) {
  installPickerCallback()
  const number = nextCallback++
  pickerCallbacks.set(number, onPick)
  const sep = pickerUrl.includes("?") ? "&" : "?"
  window.open(`${pickerUrl}${sep}CKEditorFuncNum=${number}`, "_blank", "width=800,height=600")
}

/** The credit inside a figure's caption: <span class="credit">, kept by the sanitiser. */
export const Credit = Mark.create({
  name: "credit",
  excludes: "_",
  parseHTML() {
    return [{ tag: "span.credit" }]
  },
  renderHTML() {
    return ["span", { class: "credit" }, 0]
  },
})

function figureAround(state) {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type.name === "figure") {
      let image = null
      let caption = null
      node.forEach((child, offset) => {
        const pos = $from.start(depth) + offset
        if (child.type.name === "image") image = { node: child, pos }
        if (child.type.name === "caption") caption = { node: child, pos }
      })
      return { start: $from.before(depth), end: $from.after(depth), image, caption }
    }
  }
  return null
}

function captionContent(caption, credit) {
  const content = []
  if (caption) content.push({ type: "text", text: caption })
  if (caption && credit) content.push({ type: "text", text: " " })
  if (credit) content.push({ type: "text", text: credit, marks: [{ type: "credit" }] })
  return content
}

/** The dialog's fields: the picture is chosen, never typed. */
function dialogProperties(withCaption) {
  const properties = {
    picture: {
      type: "string",
      title: gettext("Picture from the library"),
      description: gettext("Choose it with “Browse…”."),
    },
    altText: { type: "string", title: gettext("Alternative text") },
  }
  if (withCaption) {
    properties.caption = { type: "string", title: gettext("Caption") }
    properties.credit = {
      type: "string",
      title: gettext("Credit"),
      description: gettext("Who took or made the picture."),
    }
  }
  return properties
}

/** Turn the picture field into a read-only name with a Browse… button beside it. */
function wirePictureField(editor, pickerUrl, chosen) {
  const dialog = editor.view.dom.parentElement.querySelector("dialog[open]")
  const form = dialog.querySelector("form")
  const input = form.elements.picture
  input.readOnly = true
  const browse = document.createElement("button")
  browse.type = "button"
  browse.textContent = gettext("Browse…")
  const problem = document.createElement("p")
  problem.className = "desk-figure-problem"
  problem.setAttribute("role", "alert")
  input.insertAdjacentElement("afterend", browse)
  browse.insertAdjacentElement("afterend", problem)
  browse.addEventListener("click", () =>
    openPicker(pickerUrl, (url, data) => {
      chosen.src = url
      chosen.file = data?.id != null ? String(data.id) : null
      input.value = data?.label || url.split("/").pop()
      problem.textContent = ""
      const fill = (name, value) => {
        const field = form.elements[name]
        if (field && !field.value && value) field.value = value
      }
      fill("altText", data?.alternative_text)
      fill("caption", data?.caption)
      fill("credit", data?.credit)
    }),
  )
  // Runs before the dialog's own submit handler (capture on an ancestor).
  form.addEventListener(
    "click",
    (event) => {
      if (event.target.type !== "submit" || chosen.src) return
      event.preventDefault()
      event.stopPropagation()
      problem.textContent = gettext("Choose a picture from the library first.")
      browse.focus()
    },
    true,
  )
}

function insertFigure(editor, attrs, chosen) {
  const caption = captionContent(attrs.caption.trim(), attrs.credit.trim())
  const content = [{ type: "image", attrs: { src: chosen.src, alt: attrs.altText.trim(), file: chosen.file } }]
  if (caption.length) content.push({ type: "caption", content: caption })
  editor
    .chain()
    .focus()
    .insertContent({ type: "figure", content })
    .command(({ tr, state, commands }) => caretBelowFigure(tr, state, commands))
    .run()
}

/** Put the caret in an empty paragraph below the figure just inserted. */
function caretBelowFigure(tr, state, commands) {
  const figure = figureAround({ selection: tr.selection })
  if (!figure) return true
  const next = tr.doc.resolve(figure.end).nodeAfter
  if (!(next && next.type.name === "paragraph" && next.content.size === 0)) {
    tr.insert(figure.end, state.schema.nodes.paragraph.create())
  }
  return commands.setTextSelection(figure.end + 1)
}

function updateFigure(editor, info, attrs, chosen) {
  let chain = editor
    .chain()
    .setNodeSelection(info.image.pos)
    .updateAttributes("image", { src: chosen.src, alt: attrs.altText.trim(), file: chosen.file })
  const caption = attrs.caption === undefined ? [] : captionContent(attrs.caption.trim(), attrs.credit.trim())
  if (caption.length) {
    chain = chain.command(({ tr, state }) => {
      const node = state.schema.nodeFromJSON({ type: "caption", content: caption })
      tr.insert(info.image.pos + info.image.node.nodeSize, node)
      return true
    })
  }
  chain.run()
}

export const Figure = BaseFigure.extend({
  addCommands() {
    const parent = this.parent?.() || {}
    return {
      ...parent,
      editImage:
        () =>
        ({ editor, state, dispatch }) => {
          const info = figureAround(state)
          if (!dispatch) return true
          const image = info?.image?.node
          const chosen = { src: image?.attrs.src || "", file: image?.attrs.file || null }
          const values = {
            picture: chosen.src ? chosen.src.split("/").pop() : "",
            altText: image?.attrs.alt || "",
          }
          const pending = updateAttrsDialog(dialogProperties(!info?.caption), {
            title: info ? gettext("Edit Figure") : gettext("Insert Figure"),
            submitText: info ? gettext("Update") : gettext("Insert"),
          })(editor, values)
          wirePictureField(editor, this.options.pickerUrl, chosen)
          pending.then((attrs) => {
            if (!attrs || !chosen.src) return
            if (info?.image) updateFigure(editor, info, attrs, chosen)
            else insertFigure(editor, attrs, chosen)
          })
          return true
        },
    }
  },
})
