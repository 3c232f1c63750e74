package dev.console3270.protocol.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BindImageTest {

  /** BIND from s3270__nvt-data.trc (size byte X'7F': 24x80 default, 43x80 alternate). */
  static final String BIND_7F =
      "31010303b1903080008787f8870002800000000018502b507f000008c9c2d4f0e2d4c1c10005007eec0b1008c9c2d4f0e3c5e2d8";

  /** BIND from s3270__sscp-lu.trc (size byte X'7E': 24x80 both). */
  static final String BIND_7E =
      "3101020200003080008487f88000028000000000185000007e000006e3c5d3d5c5e300";

  static byte[] h(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void alternateSizeFromTheBind() {
    BindImage b = BindImage.parse(h(BIND_7F), 43, 80);
    assertThat(b.isBind()).isTrue();
    assertThat(b.pluName()).isEqualTo("IBM0SMAA");
    assertThat(b.screenSizeCode()).isEqualTo(0x7f);
    assertThat(b.defaultRows()).isEqualTo(24);
    assertThat(b.defaultCols()).isEqualTo(80);
    assertThat(b.altRows()).isEqualTo(43);
    assertThat(b.altCols()).isEqualTo(80);
    assertThat(b.alternatePresent()).isTrue();
    assertThat(b.sizeValid()).isTrue();
    assertThat(b.maxRuSecondary()).isEqualTo(1024);
    assertThat(b.maxRuPrimary()).isEqualTo(3840);
  }

  @Test
  void alternateLargerThanTheModelIsNotValid() {
    // The same BIND on a model 2 (24x80): x3270 ignores the sizes ("invalid").
    BindImage b = BindImage.parse(h(BIND_7F), 24, 80);
    assertThat(b.sizePresent()).isTrue();
    assertThat(b.sizeValid()).isFalse();
    assertThat(b.altRows()).isEqualTo(43);
  }

  @Test
  void sameSizeBothWays() {
    BindImage b = BindImage.parse(h(BIND_7E), 43, 80);
    assertThat(b.pluName()).isEqualTo("TELNET");
    assertThat(b.defaultRows()).isEqualTo(24);
    assertThat(b.altRows()).isEqualTo(24);
    assertThat(b.altCols()).isEqualTo(80);
    assertThat(b.sizeValid()).isTrue();
  }

  @Test
  void sizeCode3UsesTheTerminalMaximum() {
    byte[] ru = h(BIND_7E);
    ru[24] = 0x03;
    BindImage b = BindImage.parse(ru, 27, 132);
    assertThat(b.defaultRows()).isEqualTo(24);
    assertThat(b.defaultCols()).isEqualTo(80);
    assertThat(b.altRows()).isEqualTo(27);
    assertThat(b.altCols()).isEqualTo(132);
    assertThat(b.alternatePresent()).isFalse();
    assertThat(b.sizeValid()).isTrue();
  }

  @Test
  void sizeCodes0And2Are24By80() {
    for (int code : new int[] {0x00, 0x02}) {
      byte[] ru = h(BIND_7F);
      ru[24] = (byte) code;
      BindImage b = BindImage.parse(ru, 43, 80);
      assertThat(b.altRows()).isEqualTo(24);
      assertThat(b.defaultRows()).isEqualTo(24);
    }
  }

  @Test
  void otherSizeCodeCarriesNoSize() {
    byte[] ru = h(BIND_7F);
    ru[24] = 0x01;
    BindImage b = BindImage.parse(ru, 43, 80);
    assertThat(b.sizePresent()).isFalse();
    assertThat(b.sizeValid()).isFalse();
  }

  @Test
  void shortAndNonBindRus() {
    assertThat(BindImage.parse(h("31"), 43, 80).sizePresent()).isFalse();
    assertThat(BindImage.parse(h("31"), 43, 80).pluName()).isEmpty();
    assertThat(BindImage.parse(new byte[0], 43, 80).isBind()).isFalse();
    BindImage notBind = BindImage.parse(h("32010203"), 43, 80);
    assertThat(notBind.isBind()).isFalse();
    // PLU name length beyond the RU: no name.
    byte[] ru = h(BIND_7E.substring(0, 56) + "08c1");
    assertThat(BindImage.parse(ru, 43, 80).pluName()).isEmpty();
  }

  @Test
  void rawIsCopied() {
    byte[] ru = h(BIND_7E);
    BindImage b = BindImage.parse(ru, 43, 80);
    ru[0] = 0;
    assertThat(b.raw()[0]).isEqualTo((byte) 0x31);
    assertThat(b).isEqualTo(BindImage.parse(h(BIND_7E), 43, 80));
  }
}
