// The focal point picker on an image's admin page: drag on the picture (mouse, touch or pen)
// or move the point with the arrow keys; the focal point fields follow, and dashed frames show
// what each crop keeps (the same arithmetic as images/renditions.crop_box).
(function () {
  "use strict";
  function clamp(value, low, high) { return Math.max(low, Math.min(value, high)); }

  function cropBox(width, height, fx, fy, ratio) {
    var cropW = Math.min(width, Math.round(height * ratio[0] / ratio[1]));
    var cropH = Math.min(height, Math.round(cropW * ratio[1] / ratio[0]));
    var left = clamp(Math.round(fx * width - cropW / 2), 0, width - cropW);
    var top = clamp(Math.round(fy * height - cropH / 2), 0, height - cropH);
    return { left: left / width, top: top / height, width: cropW / width, height: cropH / height };
  }

  function setUp(picker) {
    var inputX = document.getElementById("id_focal_x");
    var inputY = document.getElementById("id_focal_y");
    if (!inputX || !inputY) return;
    var width = parseInt(picker.dataset.width, 10), height = parseInt(picker.dataset.height, 10);
    var ratios = picker.dataset.ratios.split(" ").map(function (r) { return r.split(":").map(Number); });
    var frames = ratios.map(function (ratio, index) {
      var frame = document.createElement("div");
      frame.className = "focal-picker__frame";
      frame.innerHTML = "<span></span>";
      frame.firstChild.textContent = ratio.join(":");
      frame.firstChild.style.top = (2 + index * 20) + "px";  // the frames' names never overlap
      picker.appendChild(frame);
      return frame;
    });
    var point = document.createElement("button");
    point.type = "button";
    point.className = "focal-picker__point";
    point.setAttribute("aria-describedby", "focal-picker-help");
    picker.appendChild(point);

    function value(input) {
      var number = parseFloat(input.value);
      return isNaN(number) ? 0.5 : clamp(number, 0, 1);
    }
    function show() {
      var fx = value(inputX), fy = value(inputY);
      point.style.left = (fx * 100) + "%";
      point.style.top = (fy * 100) + "%";
      point.setAttribute("aria-label", "Focal point, " + Math.round(fx * 100) + "% across, " +
        Math.round(fy * 100) + "% down");
      frames.forEach(function (frame, index) {
        var box = cropBox(width, height, fx, fy, ratios[index]);
        frame.style.left = (box.left * 100) + "%";
        frame.style.top = (box.top * 100) + "%";
        frame.style.width = (box.width * 100) + "%";
        frame.style.height = (box.height * 100) + "%";
      });
    }
    function set(fx, fy) {
      inputX.value = clamp(fx, 0, 1).toFixed(3);
      inputY.value = clamp(fy, 0, 1).toFixed(3);
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      show();
    }
    function fromPointer(event) {
      var rect = picker.getBoundingClientRect();
      set((event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    }
    var dragging = false;
    picker.addEventListener("pointerdown", function (event) {
      dragging = true;
      picker.setPointerCapture(event.pointerId);
      fromPointer(event);
      event.preventDefault();
    });
    picker.addEventListener("pointermove", function (event) { if (dragging) fromPointer(event); });
    picker.addEventListener("pointerup", function () { dragging = false; point.focus(); });
    point.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 0.1 : 0.01;
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      set(value(inputX) + move[0], value(inputY) + move[1]);
    });
    inputX.addEventListener("input", show);
    inputY.addEventListener("input", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".focal-picker").forEach(setUp);
  });
})();
