//! Keyboard moves inside a widget that takes one Tab stop (a roving tabindex): the arrow keys,
//! Home and End move focus between its controls, which sit in rows of any length. Only the
//! control last focused is in the Tab order (`tabindex="0"`); the others have `-1`.
//!
//! The moves are pure ([`step`]); [`on_keydown`] applies one to the DOM, finding controls by
//! their `data-cell="row:column"` attribute.

use wasm_bindgen::JsCast;

/// A control's place: (row, column).
pub type Cell = (usize, usize);

/// Where focus goes from `at` when `key` is pressed (with Ctrl when `ctrl`), in rows of
/// `widths` controls each; `None` for a key that moves nothing. Left and Right stay in the row
/// and stop at its ends; Up and Down keep the column, or take the row's last control when the
/// row is shorter; Home and End go to the row's ends, or with Ctrl to the first and last
/// controls of all.
pub fn step(widths: &[usize], at: Cell, key: &str, ctrl: bool) -> Option<Cell> {
    let (row, col) = at;
    let last_col = |r: usize| widths[r].saturating_sub(1);
    let last_row = widths.len().checked_sub(1)?;
    if row > last_row {
        return None;
    }
    let to_row = |r: usize| (r, col.min(last_col(r)));
    Some(match key {
        "ArrowLeft" => (row, col.saturating_sub(1)),
        "ArrowRight" => (row, (col + 1).min(last_col(row))),
        "ArrowUp" => to_row(row.saturating_sub(1)),
        "ArrowDown" => to_row((row + 1).min(last_row)),
        "Home" if ctrl => (0, 0),
        "End" if ctrl => (last_row, last_col(last_row)),
        "Home" => (row, 0),
        "End" => (row, last_col(row)),
        _ => return None,
    })
}

/// The `data-cell` value of `cell`.
pub fn cell_attr((row, col): Cell) -> String {
    format!("{row}:{col}")
}

/// Moves focus inside `container` for a key pressed on one of its controls, and keeps the key
/// from scrolling the page.
pub fn on_keydown(container: &web_sys::Element, ev: &web_sys::KeyboardEvent, widths: &[usize]) {
    let from = cell_of(ev.target());
    let Some(to) = from.and_then(|at| step(widths, at, &ev.key(), ev.ctrl_key() || ev.meta_key()))
    else {
        return;
    };
    ev.prevent_default();
    let selector = format!("[data-cell=\"{}\"]", cell_attr(to));
    if let Ok(Some(next)) = container.query_selector(&selector)
        && let Ok(next) = next.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = next.focus();
    }
}

/// The cell of the control an event happened on (e.g. the one that got focus), if it has one.
pub fn cell_of(target: Option<web_sys::EventTarget>) -> Option<Cell> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    parse(&element.get_attribute("data-cell")?)
}

fn parse(attr: &str) -> Option<Cell> {
    let (row, col) = attr.split_once(':')?;
    Some((row.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of 4, 2 and 5 controls.
    const WIDTHS: [usize; 3] = [4, 2, 5];

    #[test]
    fn left_and_right_stay_in_the_row_and_stop_at_its_ends() {
        assert_eq!(step(&WIDTHS, (0, 0), "ArrowLeft", false), Some((0, 0)));
        assert_eq!(step(&WIDTHS, (0, 2), "ArrowRight", false), Some((0, 3)));
        assert_eq!(step(&WIDTHS, (0, 3), "ArrowRight", false), Some((0, 3)));
    }

    #[test]
    fn up_and_down_keep_the_column_or_take_a_shorter_rows_last() {
        assert_eq!(step(&WIDTHS, (0, 3), "ArrowDown", false), Some((1, 1)));
        assert_eq!(step(&WIDTHS, (1, 1), "ArrowDown", false), Some((2, 1)));
        assert_eq!(step(&WIDTHS, (2, 4), "ArrowDown", false), Some((2, 4)));
        assert_eq!(step(&WIDTHS, (2, 4), "ArrowUp", false), Some((1, 1)));
        assert_eq!(step(&WIDTHS, (0, 1), "ArrowUp", false), Some((0, 1)));
    }

    #[test]
    fn home_and_end_go_to_the_rows_ends_or_with_ctrl_to_the_grids() {
        assert_eq!(step(&WIDTHS, (2, 2), "Home", false), Some((2, 0)));
        assert_eq!(step(&WIDTHS, (0, 1), "End", false), Some((0, 3)));
        assert_eq!(step(&WIDTHS, (1, 1), "Home", true), Some((0, 0)));
        assert_eq!(step(&WIDTHS, (0, 0), "End", true), Some((2, 4)));
    }

    #[test]
    fn other_keys_and_empty_grids_move_nothing() {
        assert_eq!(step(&WIDTHS, (0, 0), " ", false), None);
        assert_eq!(step(&WIDTHS, (0, 0), "Tab", false), None);
        assert_eq!(step(&[], (0, 0), "ArrowDown", false), None);
        assert_eq!(step(&WIDTHS, (3, 0), "ArrowUp", false), None);
        assert_eq!(parse(&cell_attr((12, 3))), Some((12, 3)));
    }
}
