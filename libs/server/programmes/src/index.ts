export * from './dto/programme.dto';
export * from './programmes.module';
export * from './programmes.service';
