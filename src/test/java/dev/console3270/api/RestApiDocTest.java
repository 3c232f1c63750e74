package dev.console3270.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/REST_API.md names every route the server has (the OpenAPI is generated; the doc is not). */
class RestApiDocTest {

  @Test
  void theReferenceNamesEveryRoute(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("docs", "REST_API.md"));
    List<Router.Route> routes = new ArrayList<>();
    try (ApiTestKit kit = new ApiTestKit(dir, c -> c)) {
      routes.addAll(kit.server.router().routes());
      routes.addAll(kit.server.router().externalRoutes());
    }
    assertThat(routes).hasSizeGreaterThan(30);
    List<String> missing = new ArrayList<>();
    for (Router.Route r : routes) {
      String path = r.template().replaceFirst("^/api/v1(?=/)", "");
      if (!doc.contains("`" + path + "`")
          && !doc.contains(r.method() + " " + path)
          && !doc.contains(r.method() + " /api/v1" + path)) {
        missing.add(r.method() + " " + r.template());
      }
    }
    assertThat(missing).as("routes docs/REST_API.md does not name").isEmpty();
  }
}
