package io.flowsentry.store.aggregate;

import java.lang.ArrayIndexOutOfBoundsException;
import java.lang.IllegalArgumentException;
import java.lang.Object;
import java.lang.Override;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.values.Copyable;

public class AggregateValue$$Native implements AggregateValue, Copyable<AggregateValue>, BytesMarshallable, Byteable {
  private BytesStore bs;

  private long offset;

  @Override
  public long getIpHiAt(int index) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 0 + elementOffset);
  }

  @Override
  public void setIpHiAt(int index, long _ipHi) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 0 + elementOffset, _ipHi);
  }

  @Override
  public long getIpLoAt(int index) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 512 + elementOffset);
  }

  @Override
  public void setIpLoAt(int index, long _ipLo) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 512 + elementOffset, _ipLo);
  }

  @Override
  public long getPortSketchAt(int index) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 1024 + elementOffset);
  }

  @Override
  public void setPortSketchAt(int index, long _portSketch) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 1024 + elementOffset, _portSketch);
  }

  @Override
  public int getPortAt(int index) {
    if (index < 0 || index >= 32) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 32");
    }
    long elementOffset = index * 4L;
    return bs.readInt(offset + 1152 + elementOffset);
  }

  @Override
  public void setPortAt(int index, int _port) {
    if (index < 0 || index >= 32) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 32");
    }
    long elementOffset = index * 4L;
    bs.writeInt(offset + 1152 + elementOffset, _port);
  }

  @Override
  public long getIpSketchAt(int index) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 1280 + elementOffset);
  }

  @Override
  public void setIpSketchAt(int index, long _ipSketch) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 1280 + elementOffset, _ipSketch);
  }

  @Override
  public int getAppAt(int index) {
    if (index < 0 || index >= 8) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 8");
    }
    long elementOffset = index * 4L;
    return bs.readInt(offset + 1408 + elementOffset);
  }

  @Override
  public void setAppAt(int index, int _app) {
    if (index < 0 || index >= 8) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 8");
    }
    long elementOffset = index * 4L;
    bs.writeInt(offset + 1408 + elementOffset, _app);
  }

  @Override
  public long getLastTime() {
    return bs.readLong(offset + 1440);
  }

  @Override
  public void setLastTime(long _lastTime) {
    bs.writeLong(offset + 1440, _lastTime);
  }

  @Override
  public long getAppOverflow() {
    return bs.readLong(offset + 1448);
  }

  @Override
  public void setAppOverflow(long _appOverflow) {
    bs.writeLong(offset + 1448, _appOverflow);
  }

  @Override
  public long getPortOverflow() {
    return bs.readLong(offset + 1456);
  }

  @Override
  public void setPortOverflow(long _portOverflow) {
    bs.writeLong(offset + 1456, _portOverflow);
  }

  @Override
  public long getCount() {
    return bs.readLong(offset + 1464);
  }

  @Override
  public void setCount(long _count) {
    bs.writeLong(offset + 1464, _count);
  }

  @Override
  public long getPackets() {
    return bs.readLong(offset + 1472);
  }

  @Override
  public void setPackets(long _packets) {
    bs.writeLong(offset + 1472, _packets);
  }

  @Override
  public long getFirstTime() {
    return bs.readLong(offset + 1480);
  }

  @Override
  public void setFirstTime(long _firstTime) {
    bs.writeLong(offset + 1480, _firstTime);
  }

  @Override
  public long getIpOverflow() {
    return bs.readLong(offset + 1488);
  }

  @Override
  public void setIpOverflow(long _ipOverflow) {
    bs.writeLong(offset + 1488, _ipOverflow);
  }

  @Override
  public long getBytes() {
    return bs.readLong(offset + 1496);
  }

  @Override
  public void setBytes(long _bytes) {
    bs.writeLong(offset + 1496, _bytes);
  }

  @Override
  public int getAppCount() {
    return bs.readInt(offset + 1504);
  }

  @Override
  public void setAppCount(int _appCount) {
    bs.writeInt(offset + 1504, _appCount);
  }

  @Override
  public int getPortCount() {
    return bs.readInt(offset + 1508);
  }

  @Override
  public void setPortCount(int _portCount) {
    bs.writeInt(offset + 1508, _portCount);
  }

  @Override
  public int getActionBits() {
    return bs.readInt(offset + 1512);
  }

  @Override
  public void setActionBits(int _actionBits) {
    bs.writeInt(offset + 1512, _actionBits);
  }

  @Override
  public int getIpCount() {
    return bs.readInt(offset + 1516);
  }

  @Override
  public void setIpCount(int _ipCount) {
    bs.writeInt(offset + 1516, _ipCount);
  }

  @Override
  public int getSourceTypeBits() {
    return bs.readInt(offset + 1520);
  }

  @Override
  public void setSourceTypeBits(int _sourceTypeBits) {
    bs.writeInt(offset + 1520, _sourceTypeBits);
  }

  @Override
  public void copyFrom(AggregateValue from) {
    if (from instanceof AggregateValue$$Native) {
      bs.write(offset, ((AggregateValue$$Native) from).bytesStore(), ((AggregateValue$$Native) from).offset(), 1524);
    } else {
       {
        for (int index = 0; index < 64; index++) {
          setIpHiAt(index, from.getIpHiAt(index));
        }
      }
       {
        for (int index = 0; index < 64; index++) {
          setIpLoAt(index, from.getIpLoAt(index));
        }
      }
       {
        for (int index = 0; index < 16; index++) {
          setPortSketchAt(index, from.getPortSketchAt(index));
        }
      }
       {
        for (int index = 0; index < 32; index++) {
          setPortAt(index, from.getPortAt(index));
        }
      }
       {
        for (int index = 0; index < 16; index++) {
          setIpSketchAt(index, from.getIpSketchAt(index));
        }
      }
       {
        for (int index = 0; index < 8; index++) {
          setAppAt(index, from.getAppAt(index));
        }
      }
       {
        setLastTime(from.getLastTime());
      }
       {
        setAppOverflow(from.getAppOverflow());
      }
       {
        setPortOverflow(from.getPortOverflow());
      }
       {
        setCount(from.getCount());
      }
       {
        setPackets(from.getPackets());
      }
       {
        setFirstTime(from.getFirstTime());
      }
       {
        setIpOverflow(from.getIpOverflow());
      }
       {
        setBytes(from.getBytes());
      }
       {
        setAppCount(from.getAppCount());
      }
       {
        setPortCount(from.getPortCount());
      }
       {
        setActionBits(from.getActionBits());
      }
       {
        setIpCount(from.getIpCount());
      }
       {
        setSourceTypeBits(from.getSourceTypeBits());
      }
    }
  }

  @Override
  public void writeMarshallable(BytesOut bytes) {
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 0 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 512 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 1024 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 32; index++) {
        long elementOffset = index * 4L;
        bytes.writeInt(bs.readInt(offset + 1152 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 1280 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        long elementOffset = index * 4L;
        bytes.writeInt(bs.readInt(offset + 1408 + elementOffset));
      }
    }
     {
      bytes.writeLong(bs.readLong(offset + 1440));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1448));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1456));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1464));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1472));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1480));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1488));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1496));
    }
     {
      bytes.writeInt(bs.readInt(offset + 1504));
    }
     {
      bytes.writeInt(bs.readInt(offset + 1508));
    }
     {
      bytes.writeInt(bs.readInt(offset + 1512));
    }
     {
      bytes.writeInt(bs.readInt(offset + 1516));
    }
     {
      bytes.writeInt(bs.readInt(offset + 1520));
    }
  }

  @Override
  public void readMarshallable(BytesIn bytes) {
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 0 + elementOffset, bytes.readLong());
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 512 + elementOffset, bytes.readLong());
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 1024 + elementOffset, bytes.readLong());
      }
    }
     {
      for (int index = 0; index < 32; index++) {
        long elementOffset = index * 4L;
        bs.writeInt(offset + 1152 + elementOffset, bytes.readInt());
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 1280 + elementOffset, bytes.readLong());
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        long elementOffset = index * 4L;
        bs.writeInt(offset + 1408 + elementOffset, bytes.readInt());
      }
    }
     {
      bs.writeLong(offset + 1440, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1448, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1456, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1464, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1472, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1480, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1488, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1496, bytes.readLong());
    }
     {
      bs.writeInt(offset + 1504, bytes.readInt());
    }
     {
      bs.writeInt(offset + 1508, bytes.readInt());
    }
     {
      bs.writeInt(offset + 1512, bytes.readInt());
    }
     {
      bs.writeInt(offset + 1516, bytes.readInt());
    }
     {
      bs.writeInt(offset + 1520, bytes.readInt());
    }
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof AggregateValue)) return false;
    AggregateValue other = (AggregateValue) obj;
     {
      for (int index = 0; index < 64; index++) {
        if (getIpHiAt(index) != other.getIpHiAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        if (getIpLoAt(index) != other.getIpLoAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        if (getPortSketchAt(index) != other.getPortSketchAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 32; index++) {
        if (getPortAt(index) != other.getPortAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        if (getIpSketchAt(index) != other.getIpSketchAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        if (getAppAt(index) != other.getAppAt(index)) return false;
      }
    }
     {
      if (getLastTime() != other.getLastTime()) return false;
    }
     {
      if (getAppOverflow() != other.getAppOverflow()) return false;
    }
     {
      if (getPortOverflow() != other.getPortOverflow()) return false;
    }
     {
      if (getCount() != other.getCount()) return false;
    }
     {
      if (getPackets() != other.getPackets()) return false;
    }
     {
      if (getFirstTime() != other.getFirstTime()) return false;
    }
     {
      if (getIpOverflow() != other.getIpOverflow()) return false;
    }
     {
      if (getBytes() != other.getBytes()) return false;
    }
     {
      if (getAppCount() != other.getAppCount()) return false;
    }
     {
      if (getPortCount() != other.getPortCount()) return false;
    }
     {
      if (getActionBits() != other.getActionBits()) return false;
    }
     {
      if (getIpCount() != other.getIpCount()) return false;
    }
     {
      if (getSourceTypeBits() != other.getSourceTypeBits()) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hashCode = 1;
    hashCode *= 1000003;
     {
      int _ipHiHashCode = 1;
      for (int index = 0; index < 64; index++) {
        _ipHiHashCode *= 1000003;
        _ipHiHashCode ^= java.lang.Long.hashCode(getIpHiAt(index));
      }
      hashCode ^= _ipHiHashCode;
    }
    hashCode *= 1000003;
     {
      int _ipLoHashCode = 1;
      for (int index = 0; index < 64; index++) {
        _ipLoHashCode *= 1000003;
        _ipLoHashCode ^= java.lang.Long.hashCode(getIpLoAt(index));
      }
      hashCode ^= _ipLoHashCode;
    }
    hashCode *= 1000003;
     {
      int _portSketchHashCode = 1;
      for (int index = 0; index < 16; index++) {
        _portSketchHashCode *= 1000003;
        _portSketchHashCode ^= java.lang.Long.hashCode(getPortSketchAt(index));
      }
      hashCode ^= _portSketchHashCode;
    }
    hashCode *= 1000003;
     {
      int _portHashCode = 1;
      for (int index = 0; index < 32; index++) {
        _portHashCode *= 1000003;
        _portHashCode ^= java.lang.Integer.hashCode(getPortAt(index));
      }
      hashCode ^= _portHashCode;
    }
    hashCode *= 1000003;
     {
      int _ipSketchHashCode = 1;
      for (int index = 0; index < 16; index++) {
        _ipSketchHashCode *= 1000003;
        _ipSketchHashCode ^= java.lang.Long.hashCode(getIpSketchAt(index));
      }
      hashCode ^= _ipSketchHashCode;
    }
    hashCode *= 1000003;
     {
      int _appHashCode = 1;
      for (int index = 0; index < 8; index++) {
        _appHashCode *= 1000003;
        _appHashCode ^= java.lang.Integer.hashCode(getAppAt(index));
      }
      hashCode ^= _appHashCode;
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getLastTime());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getAppOverflow());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getPortOverflow());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getPackets());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getFirstTime());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getIpOverflow());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getBytes());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getAppCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getPortCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getActionBits());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getIpCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getSourceTypeBits());
    }
    return hashCode;
  }

  @Override
  public void bytesStore(BytesStore bytesStore, long offset, long length) {
    if (length != maxSize()) {
      throw new IllegalArgumentException("Constant size is 1524, given length is " + length);
    }
    this.bs = bytesStore;
        if (offset + length > bytesStore.capacity())
                throw new AssertionError();
    this.offset = offset;
  }

  @Override
  public BytesStore bytesStore() {
    return bs;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long maxSize() {
    return 1524;
  }
}
