package dev.console3270.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/** Small helpers for the panels' tables. */
final class Tables {

  private Tables() {}

  /** A read-only text column showing {@code value} of each row. */
  static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
    TableColumn<R, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }
}
