/* The two look-ups every page script of Vox uses; inlined before the page's own script (app/scripts.py). */
function one(sel, el) { return (el || document).querySelector(sel); }
function all(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
