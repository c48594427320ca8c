/* The member card's QR code, drawn in the browser from the signed token the page carries.
 *
 * The token changes every few minutes and the card is the portal's most visited page: encoding it on
 * the server cost more than the rest of the page. This is a QR encoder for exactly what the card needs
 * (ISO/IEC 18004: byte mode, error correction level M, versions 1 to 10, i.e. up to 213 bytes; a card
 * token is about 55). It takes a fixed mask: any of the eight is valid (§7.8) and choosing the best one
 * was most of the encoding's cost. The browser tests compare every module with an independent encoder
 * (python-qrcode). Anything longer is not drawn and the card number above it stays the fallback, as it
 * is without JavaScript.
 */
(function () {
  "use strict";

  // Level M, per version: [error correction codewords per block, blocks of the first group, data
  // codewords per block in it, blocks of the second group (one data codeword more each)].
  var BLOCKS = [null,
    [10, 1, 16, 0], [16, 1, 28, 0], [26, 1, 44, 0], [18, 2, 32, 0], [24, 2, 43, 0],
    [16, 4, 27, 0], [18, 4, 31, 0], [22, 2, 38, 2], [22, 3, 36, 2], [26, 4, 43, 1]];
  // Centres of the alignment patterns, per version (version 1 has none).
  var ALIGN = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42],
    [6, 26, 46], [6, 28, 50]];
  var MAX_VERSION = 10;

  // GF(256) over the polynomial x^8 + x^4 + x^3 + x^2 + 1, as log and antilog tables.
  var EXP = new Array(512), LOG = new Array(256);
  (function () {
    var x = 1;
    for (var i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    for (i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
  })();

  function gfMul(a, b) {
    return a && b ? EXP[LOG[a] + LOG[b]] : 0;
  }

  // The generator polynomial (x - a^0)(x - a^1)...(x - a^(n-1)), highest power first, leading 1 dropped.
  function generator(n) {
    var poly = [1];
    for (var i = 0; i < n; i++) {
      var next = new Array(poly.length + 1).fill(0);
      for (var j = 0; j < poly.length; j++) {
        next[j] ^= poly[j];
        next[j + 1] ^= gfMul(poly[j], EXP[i]);
      }
      poly = next;
    }
    return poly.slice(1);
  }

  // The remainder of data * x^n divided by the generator: the block's error correction codewords.
  function remainder(data, gen) {
    var rest = new Array(gen.length).fill(0);
    data.forEach(function (byte) {
      var factor = byte ^ rest.shift();
      rest.push(0);
      for (var i = 0; i < gen.length; i++) rest[i] ^= gfMul(gen[i], factor);
    });
    return rest;
  }

  function dataCodewords(version) {
    var b = BLOCKS[version];
    return b[1] * b[2] + b[3] * (b[2] + 1);
  }

  function utf8(text) {
    return Array.from(new TextEncoder().encode(text));
  }

  // Mode, length, the bytes, the terminator and the pad codewords, as codewords.
  function codewords(bytes, version) {
    var bits = [], capacity = dataCodewords(version) * 8;
    function put(value, length) {
      for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
    }
    put(4, 4); // byte mode
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacity - bits.length));
    while (bits.length % 8) bits.push(0);
    var out = [];
    for (var i = 0; i < bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    for (var pad = 0; out.length < capacity / 8; pad++) out.push(pad % 2 ? 0x11 : 0xec);
    return out;
  }

  // The blocks with their error correction, interleaved as the symbol reads them.
  function interleaved(data, version) {
    var b = BLOCKS[version], gen = generator(b[0]), blocks = [], at = 0;
    for (var i = 0; i < b[1] + b[3]; i++) {
      var length = b[2] + (i < b[1] ? 0 : 1);
      var block = data.slice(at, at + length);
      at += length;
      blocks.push({ data: block, ec: remainder(block, gen) });
    }
    var out = [];
    for (i = 0; i <= b[2]; i++) {
      blocks.forEach(function (block) { if (i < block.data.length) out.push(block.data[i]); });
    }
    for (i = 0; i < b[0]; i++) blocks.forEach(function (block) { out.push(block.ec[i]); });
    return out;
  }

  // BCH codes of the format (level M, mask 2) and version information.
  function formatBits() {
    var data = (0 << 3) | 2, rest = data;
    for (var i = 0; i < 10; i++) rest = (rest << 1) ^ ((rest >>> 9) * 0x537);
    return ((data << 10) | rest) ^ 0x5412;
  }

  function versionBits(version) {
    var rest = version;
    for (var i = 0; i < 12; i++) rest = (rest << 1) ^ ((rest >>> 11) * 0x1f25);
    return (version << 12) | rest;
  }

  function Symbol(version) {
    this.size = version * 4 + 17;
    this.dark = [];
    this.fixed = [];
    for (var y = 0; y < this.size; y++) {
      this.dark.push(new Array(this.size).fill(false));
      this.fixed.push(new Array(this.size).fill(false));
    }
  }

  Symbol.prototype.set = function (x, y, dark) {
    this.dark[y][x] = dark;
    this.fixed[y][x] = true;
  };

  Symbol.prototype.finder = function (cx, cy) {
    for (var dy = -4; dy <= 4; dy++) {
      for (var dx = -4; dx <= 4; dx++) {
        var x = cx + dx, y = cy + dy, ring = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && y >= 0 && x < this.size && y < this.size) this.set(x, y, ring !== 2 && ring !== 4);
      }
    }
  };

  Symbol.prototype.functionPatterns = function (version) {
    var size = this.size, i;
    for (i = 0; i < size; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    this.finder(3, 3);
    this.finder(size - 4, 3);
    this.finder(3, size - 4);
    var centres = ALIGN[version], last = centres.length - 1;
    for (i = 0; i <= last; i++) {
      for (var j = 0; j <= last; j++) {
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) {
            this.set(centres[j] + dx, centres[i] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
          }
        }
      }
    }
    var format = formatBits();
    function bit(value, n) { return ((value >>> n) & 1) === 1; }
    for (i = 0; i <= 5; i++) this.set(8, i, bit(format, i));
    this.set(8, 7, bit(format, 6));
    this.set(8, 8, bit(format, 7));
    this.set(7, 8, bit(format, 8));
    for (i = 9; i < 15; i++) this.set(14 - i, 8, bit(format, i));
    for (i = 0; i < 8; i++) this.set(size - 1 - i, 8, bit(format, i));
    for (i = 8; i < 15; i++) this.set(8, size - 15 + i, bit(format, i));
    this.set(8, size - 8, true);
    if (version >= 7) {
      var info = versionBits(version);
      for (i = 0; i < 18; i++) {
        var a = size - 11 + (i % 3), b = Math.floor(i / 3);
        this.set(a, b, bit(info, i));
        this.set(b, a, bit(info, i));
      }
    }
  };

  // Two columns at a time from the right, up then down, skipping the vertical timing pattern; mask 2
  // darkens the opposite of every module in a column divisible by three.
  Symbol.prototype.place = function (codes) {
    var size = this.size, n = 0, total = codes.length * 8;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      var upward = ((right + 1) & 2) === 0;
      for (var step = 0; step < size; step++) {
        var y = upward ? size - 1 - step : step;
        for (var k = 0; k < 2; k++) {
          var x = right - k;
          if (this.fixed[y][x]) continue;
          var dark = n < total && ((codes[n >>> 3] >>> (7 - (n & 7))) & 1) === 1;
          n++;
          this.dark[y][x] = dark !== (x % 3 === 0);
        }
      }
    }
  };

  // The modules, rows of booleans (true is dark), without the quiet zone; null when the text is longer
  // than version 10 holds.
  function matrix(text) {
    var bytes = utf8(text), version = 1;
    while (version <= MAX_VERSION && 4 + (version < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(version) * 8) {
      version++;
    }
    if (version > MAX_VERSION) return null;
    var symbol = new Symbol(version);
    symbol.functionPatterns(version);
    symbol.place(interleaved(codewords(bytes, version), version));
    return symbol.dark;
  }

  var SVG = "http://www.w3.org/2000/svg";

  function draw(holder) {
    var modules = matrix(holder.getAttribute("data-qr") || "");
    if (!modules) return;
    var quiet = 4, side = modules.length + quiet * 2, path = [];
    modules.forEach(function (row, y) {
      row.forEach(function (dark, x) { if (dark) path.push("M" + (x + quiet) + " " + (y + quiet) + "h1v1h-1z"); });
    });
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + side + " " + side);
    svg.setAttribute("width", holder.getAttribute("data-size") || "220");
    svg.setAttribute("height", holder.getAttribute("data-size") || "220");
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", holder.getAttribute("data-label") || "QR");
    svg.setAttribute("data-testid", "card-qr");
    svg.setAttribute("data-modules", String(modules.length));
    var background = document.createElementNS(SVG, "rect");
    background.setAttribute("width", String(side));
    background.setAttribute("height", String(side));
    background.setAttribute("fill", "#fff");
    var ink = document.createElementNS(SVG, "path");
    ink.setAttribute("d", path.join(""));
    ink.setAttribute("fill", "#111827");
    svg.appendChild(background);
    svg.appendChild(ink);
    holder.replaceChildren(svg);
  }

  function drawWithin(root) {
    if (root.matches && root.matches("[data-qr]")) draw(root);
    root.querySelectorAll("[data-qr]").forEach(draw);
  }

  window.GonghuiQR = { matrix: matrix };
  document.addEventListener("DOMContentLoaded", function () { drawWithin(document); });
  // htmx swaps in a fresh token every few minutes: draw it as it arrives.
  document.addEventListener("htmx:load", function (event) { drawWithin(event.target); });
})();
