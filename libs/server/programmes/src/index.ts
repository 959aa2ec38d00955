export * from './dto/programme.dto';
export * from './programmes-http.module';
export * from './programmes.module';
export * from './programmes.service';
